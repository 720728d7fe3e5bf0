package io.bounceguard.classify.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;
import org.junit.jupiter.api.Test;

import io.bounceguard.classify.corpus.CorpusCase;

/**
 * {@link MessageReader} plugs its own field and body-descriptor builders into mime4j; over every corpus message
 * it must see the same top-level fields and the same parts, in the same order, as mime4j's default builders.
 */
class MessageReaderTest {

    private static final MimeConfig MIME4J = MimeConfig.custom().setStrictParsing(false)
            .setMalformedHeaderStartsBody(false).setMaxLineLen(-1).setMaxHeaderLen(-1).setMaxHeaderCount(-1).build();

    private final MessageReader reader = new MessageReader(ReadLimits.DEFAULT);

    @Test
    void readsTheSameFieldsAndPartsAsMime4jsDefaultBuilders() throws IOException {
        int compared = 0;
        for (CorpusCase c : CorpusCase.all()) {
            byte[] bytes = RawCleanup.clean(Files.readAllBytes(c.eml()), ReadLimits.DEFAULT.maxBytes());
            MailMessage ours = reader.read(bytes);
            Reference reference = reference(bytes);
            if (ours.error() != null || reference.damaged) {
                continue;
            }
            assertThat(describe(ours.headers().fields())).as(c.name()).isEqualTo(reference.topFields);
            List<String> ourTypes = new ArrayList<>();
            ours.parts().forEach(p -> ourTypes.add(p.contentType().mimeType()));
            assertThat(ourTypes).as(c.name()).isEqualTo(reference.partTypes);
            compared++;
        }
        assertThat(compared).isGreaterThan(100);
    }

    @Test
    void skipsLinesThatAreNotFieldsAndKeepsObsoleteSpacing() {
        byte[] bytes = ("From someone Mon Jan  1 00:00:00 2024\nSubject : hello\n\tworld\nno colon here\n"
                + "X-Bad Name: dropped\nContent-Type: text/plain; charset=\"utf-8\"\n\nbody\n")
                .getBytes(StandardCharsets.US_ASCII);
        MailMessage message = reader.read(bytes);
        assertThat(describe(message.headers().fields()))
                .containsExactly("Subject: hello world", "Content-Type: text/plain; charset=\"utf-8\"");
        assertThat(message.contentType().charset()).isEqualTo("utf-8");
        assertThat(message.parts()).singleElement().extracting(MimePart::text).asString().startsWith("body");
    }

    @Test
    void walksAMultipartWithoutBoundaryAsTextButKeepsItsDeclaredType() {
        byte[] bytes = "Content-Type: multipart/mixed\n\nplain text after all\n".getBytes(StandardCharsets.US_ASCII);
        MailMessage message = reader.read(bytes);
        assertThat(message.contentType().mimeType()).isEqualTo("multipart/mixed");
        assertThat(message.parts()).singleElement().extracting(MimePart::text).asString().contains("plain text");
    }

    @Test
    void keepsTheFieldLimitAndStillReadsTheBody() {
        StringBuilder message = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            message.append("X-Field-").append(i).append(": ").append(i).append('\n');
        }
        message.append("Content-Type: text/plain\n\nthe body\n");
        MailMessage read = new MessageReader(new ReadLimits(1024, 1024, 3, 1024, 4, 4))
                .read(message.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(describe(read.headers().fields())).containsExactly("X-Field-0: 0", "X-Field-1: 1", "X-Field-2: 2");
        assertThat(read.error()).contains("more than 3 header fields");
        assertThat(read.parts()).singleElement().extracting(MimePart::text).asString().startsWith("the body");
    }

    private static List<String> describe(List<HeaderField> fields) {
        List<String> out = new ArrayList<>();
        fields.forEach(f -> out.add(f.name() + ": " + f.value()));
        return out;
    }

    private record Reference(List<String> topFields, List<String> partTypes, boolean damaged) {
    }

    /** mime4j with its default builders: top-level fields and the type of every leaf part (digest default included). */
    private static Reference reference(byte[] bytes) {
        List<String> top = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<HeaderField> current = new ArrayList<>();
        boolean inTop = true;
        MimeTokenStream stream = new MimeTokenStream(MIME4J, DecodeMonitor.SILENT, null);
        stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
        try {
            stream.parse(new ByteArrayInputStream(bytes));
            for (EntityState s = stream.getState(); s != EntityState.T_END_OF_STREAM; s = stream.next()) {
                if (s == EntityState.T_FIELD) {
                    Field field = stream.getField();
                    HeaderField f = new HeaderField(field.getName(), HeaderDecoder.value(field.getRaw().toByteArray()));
                    current.add(f);
                    if (inTop) {
                        top.add(f.name() + ": " + f.value());
                    }
                } else if (s == EntityState.T_END_HEADER) {
                    inTop = false;
                } else if (s == EntityState.T_START_BODYPART) {
                    current = new ArrayList<>();
                } else if (s == EntityState.T_BODY) {
                    String declared = new Headers(current).first("Content-Type");
                    String type = ContentType.parse(declared).mimeType();
                    if (declared == null && "message/rfc822".equals(stream.getBodyDescriptor().getMimeType())) {
                        type = "message/rfc822";
                    }
                    types.add(type);
                }
            }
        } catch (MimeException | IOException | RuntimeException e) {
            return new Reference(top, types, true);
        }
        return new Reference(top, types, false);
    }
}
