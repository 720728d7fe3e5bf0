package io.bounceguard.classify.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * Reads raw message bytes under {@link ReadLimits}: the top-level header with {@link HeaderSection}'s byte scanner,
 * the MIME structure below it with mime4j's streaming parser (headers of every part, the text of text, report and
 * enclosed-message parts, never the bodies of attachments). Never throws.
 */
public final class MessageReader {

    /** Bytes of an enclosed message read for its header; its body is never decoded. */
    private static final int ENCLOSED_HEADER_BYTES = 16 * 1024;
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

    private final ReadLimits limits;
    private final MimeConfig config;

    public MessageReader(ReadLimits limits) {
        this.limits = limits;
        this.config = MimeConfig.custom()
                .setStrictParsing(false)
                .setMalformedHeaderStartsBody(false)
                .setMaxHeaderCount(limits.maxHeaderCount())
                .setMaxHeaderLen(limits.maxLineLength())
                .setMaxLineLen(limits.maxLineLength())
                .setMaxContentLen(limits.maxBytes())
                .build();
    }

    /** Reads at most {@link ReadLimits#maxBytes()} of the stream and parses them. */
    public MailMessage read(InputStream in) {
        byte[] bytes;
        try {
            bytes = in.readNBytes(limits.maxBytes());
        } catch (IOException | RuntimeException e) {
            return new MailMessage(Headers.EMPTY, ContentType.TEXT_PLAIN, List.of(), "unreadable input: " + e.getMessage());
        }
        return read(bytes);
    }

    public MailMessage read(byte[] raw) {
        byte[] bytes = RawCleanup.clean(raw, limits.maxBytes());
        Parse parse = new Parse();
        try {
            parse.run(bytes);
        } catch (MimeException | IOException | RuntimeException e) {
            parse.error = "damaged MIME structure: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage());
        }
        return parse.result();
    }

    /** A per-thread buffer for part bodies: their text is decoded out of it, so it is never kept. */
    private byte[] buffer() {
        byte[] b = BUFFER.get();
        if (b.length < limits.maxTextBytes()) {
            b = new byte[limits.maxTextBytes()];
            BUFFER.set(b);
        }
        return b;
    }

    /**
     * A streaming parser over the body that follows the top-level header (which {@link HeaderSection} has read),
     * not descending into enclosed messages.
     */
    private MimeTokenStream bodyStreamOver(byte[] bytes, HeaderSection.Section head, RawFieldCollector fields) {
        PartDescriptorBuilder descriptor = new PartDescriptorBuilder();
        String encoding = head.headers().first("Content-Transfer-Encoding");
        if (encoding != null) {
            descriptor.addField(new RawField("Content-Transfer-Encoding", encoding));
        }
        MimeTokenStream stream = new MimeTokenStream(config, DecodeMonitor.SILENT, fields, descriptor);
        stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
        String type = head.headers().first("Content-Type");
        stream.parseHeadless(new ByteArrayInputStream(bytes, head.bodyStart(), bytes.length - head.bodyStart()),
                type == null ? "text/plain" : type);
        return stream;
    }

    private final class Parse {
        private final List<MimePart> parts = new ArrayList<>();
        private final RawFieldCollector fields = new RawFieldCollector(limits.maxLineLength());
        private List<HeaderField> current;
        private Headers topHeaders = Headers.EMPTY;
        private ContentType topType;
        private int depth;
        private String error;

        void run(byte[] bytes) throws IOException, MimeException {
            HeaderSection.Section head = HeaderSection.readTop(bytes, bytes.length, limits.maxHeaderCount());
            topHeaders = head.headers();
            if (head.truncated()) {
                error = "more than " + limits.maxHeaderCount() + " header fields; the rest were not read";
            }
            MimeTokenStream stream = bodyStreamOver(bytes, head, fields);
            for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
                switch (state) {
                    case T_FIELD:
                        if (current != null && current.size() < limits.maxHeaderCount()) {
                            current.add(field(stream.getField()));
                        }
                        break;
                    case T_START_BODYPART:
                        current = new ArrayList<>();
                        break;
                    case T_START_MULTIPART:
                        noteTopType(stream);
                        depth++;
                        if (depth >= limits.maxDepth()) {
                            stream.setRecursionMode(RecursionMode.M_FLAT);
                            error = "multipart nesting deeper than " + limits.maxDepth() + " levels was not followed";
                        }
                        break;
                    case T_END_MULTIPART:
                        depth--;
                        break;
                    case T_BODY:
                        addBody(stream);
                        break;
                    default:
                        break;
                }
                if (parts.size() >= limits.maxParts()) {
                    error = "too many parts; the rest was not read";
                    break;
                }
            }
        }

        /** A field kept with its raw bytes, decoded on first use (or at once when mime4j needed its value). */
        private HeaderField field(Field field) {
            String value = field.getBody();
            return value != null ? new HeaderField(field.getName(), value) : HeaderField.ofRaw(field.getName(), fields.lastRaw());
        }

        private void noteTopType(MimeTokenStream stream) {
            if (topType == null) {
                topType = ((PartDescriptor) stream.getBodyDescriptor()).declared();
            }
        }

        private void addBody(MimeTokenStream stream) throws IOException {
            boolean topBody = current == null;
            noteTopType(stream);
            Headers headers = topBody ? topHeaders : new Headers(current);
            ContentType type = ((PartDescriptor) stream.getBodyDescriptor()).declared();
            if (depth > limits.maxDepth()) {
                return;
            }
            if (!isReadable(type)) {
                parts.add(new MimePart(headers, type, "", Headers.EMPTY, depth));
                return;
            }
            if (isEnclosure(type)) {
                byte[] head = buffer();
                int length = stream.getDecodedInputStream().readNBytes(head, 0, ENCLOSED_HEADER_BYTES);
                parts.add(new MimePart(headers, type, "", HeaderSection.read(head, length, limits.maxHeaderCount()), depth));
                return;
            }
            byte[] buffer = buffer();
            int length = stream.getDecodedInputStream().readNBytes(buffer, 0, Math.min(buffer.length,
                    limits.maxTextBytes()));
            parts.add(new MimePart(headers, type, TextDecoder.decode(buffer, 0, length, type.charset()), Headers.EMPTY,
                    depth));
        }

        MailMessage result() {
            if (topType == null) {
                topType = ContentType.parse(topHeaders.first("Content-Type"));
            }
            return new MailMessage(topHeaders, topType, parts, error);
        }
    }

    private static boolean isReadable(ContentType type) {
        String t = type.mimeType();
        return t.startsWith("text/") || t.startsWith("message/") || t.startsWith("multipart/");
    }

    private static boolean isEnclosure(ContentType type) {
        String t = type.mimeType();
        return t.equals("message/rfc822") || t.equals("message/global") || t.equals("text/rfc822-headers")
                || t.equals("message/global-headers");
    }
}
