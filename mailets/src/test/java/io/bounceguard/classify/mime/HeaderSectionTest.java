package io.bounceguard.classify.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

class HeaderSectionTest {

    private static final int ENCLOSED_BYTES = 16 * 1024;
    private static final MimeConfig MIME4J = MimeConfig.custom().setStrictParsing(false)
            .setMalformedHeaderStartsBody(false).setMaxHeaderCount(ReadLimits.DEFAULT.maxHeaderCount())
            .setMaxHeaderLen(ReadLimits.DEFAULT.maxLineLength()).setMaxLineLen(ReadLimits.DEFAULT.maxLineLength())
            .build();

    @Test
    void readsFieldsLikeMime4jOnOddHeaders() {
        String[] samples = {
            "Subject: a\r\n folded\r\nTo: b@c.example\r\n\r\nbody",
            "From: x\nbroken line without colon\nSubject : spaced name\n:empty name\nX(comment): v\nA B: c\n\n",
            " leading: space\n\tcontinued\nReturn-Path: <r@e.example>\n",
            "Message-ID: <1@a>\r\n\r\n",
            "\r\nTo: after blank line",
            "X-8bit-\u00e9: v\nTo: t@e.example\r\r\nCc: last line without end",
            "Subject: =?UTF-8?B?5pel5pys?=\n \n\tx\nZ: \n",
            "",
        };
        for (String sample : samples) {
            byte[] bytes = sample.getBytes(StandardCharsets.UTF_8);
            assertThat(describe(HeaderSection.read(bytes, bytes.length, 1000))).as(sample)
                    .isEqualTo(describe(mime4j(bytes, bytes.length)));
        }
    }

    @Test
    void readsFieldsLikeMime4jOnTheCorpus() {
        for (CorpusCase c : CorpusCase.all()) {
            byte[] bytes = c.bytes();
            int length = Math.min(bytes.length, ENCLOSED_BYTES);
            assertThat(describe(HeaderSection.read(bytes, length, 1000))).as(c.name())
                    .isEqualTo(describe(mime4j(bytes, length)));
        }
    }

    @Test
    void stopsAtTheFieldLimit() {
        byte[] bytes = "A: 1\nB: 2\nC: 3\n\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(describe(HeaderSection.read(bytes, bytes.length, 2))).containsExactly("A: 1", "B: 2");
    }

    private static List<String> describe(Headers headers) {
        List<String> out = new ArrayList<>();
        for (HeaderField field : headers.fields()) {
            out.add(field.name() + ": " + field.value());
        }
        return out;
    }

    /** The reference: mime4j's own parser over the header section. */
    private static Headers mime4j(byte[] bytes, int length) {
        List<HeaderField> fields = new ArrayList<>();
        MimeTokenStream stream = new MimeTokenStream(MIME4J, DecodeMonitor.SILENT, null);
        stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
        try {
            stream.parse(new ByteArrayInputStream(bytes, 0, length));
            for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
                if (state == EntityState.T_FIELD) {
                    Field field = stream.getField();
                    fields.add(new HeaderField(field.getName(), HeaderDecoder.value(field.getRaw().toByteArray())));
                } else if (state == EntityState.T_END_HEADER) {
                    break;
                }
            }
        } catch (MimeException | IOException e) {
            // the fields read so far, as the classifier kept them
        }
        return new Headers(fields);
    }
}
