package io.bounceguard.classify.mime;

import java.util.Locale;

import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.BodyDescriptorBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.RawField;

/**
 * A mime4j {@link BodyDescriptorBuilder} that parses a part's Content-Type once, with {@link ContentType}, for
 * both mime4j's walk and the classifier. Follows mime4j's defaults: no type is {@code text/plain}
 * ({@code message/rfc822} inside {@code multipart/digest}); a multipart type without a boundary is walked as
 * {@code text/plain}; no transfer encoding is {@code 7bit}.
 */
final class PartDescriptorBuilder implements BodyDescriptorBuilder {

    private static final ContentType ENCLOSED_MESSAGE = new ContentType("message/rfc822", null, null, null);

    private final String parentType;
    private ContentType declared;
    private String transferEncoding;

    PartDescriptorBuilder() {
        this(null);
    }

    private PartDescriptorBuilder(String parentType) {
        this.parentType = parentType;
    }

    @Override
    public void reset() {
        declared = null;
        transferEncoding = null;
    }

    @Override
    public Field addField(RawField field) {
        String value = field.getBody();
        if (value == null) {
            return null;
        }
        if (declared == null && field.getName().equalsIgnoreCase("Content-Type")) {
            declared = ContentType.parse(value);
        } else if (transferEncoding == null && field.getName().equalsIgnoreCase("Content-Transfer-Encoding")) {
            String encoding = value.trim().toLowerCase(Locale.ROOT);
            transferEncoding = encoding.isEmpty() ? null : encoding;
        }
        return null;
    }

    @Override
    public BodyDescriptor build() {
        ContentType type = declared;
        if (type == null) {
            type = "multipart/digest".equals(parentType) ? ENCLOSED_MESSAGE : ContentType.TEXT_PLAIN;
        }
        String effective = type.mimeType();
        if (effective.startsWith("multipart/") && type.boundary() == null) {
            effective = ContentType.TEXT_PLAIN.mimeType();
        }
        return new PartDescriptor(type, effective, transferEncoding == null ? "7bit" : transferEncoding);
    }

    @Override
    public BodyDescriptorBuilder newChild() {
        return new PartDescriptorBuilder(declared == null ? null : declared.mimeType());
    }
}
