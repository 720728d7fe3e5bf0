package io.bounceguard.classify.mime;

import org.apache.james.mime4j.stream.BodyDescriptor;

/**
 * What mime4j needs to walk a body ({@code effectiveType}, boundary, transfer encoding) together with the
 * Content-Type as the part declared it, which is what the classifier reads.
 */
record PartDescriptor(ContentType declared, String effectiveType, String transferEncoding) implements BodyDescriptor {

    @Override
    public String getBoundary() {
        return effectiveType.startsWith("multipart/") ? declared.boundary() : null;
    }

    @Override
    public String getMimeType() {
        return effectiveType;
    }

    @Override
    public String getMediaType() {
        int slash = effectiveType.indexOf('/');
        return effectiveType.substring(0, slash);
    }

    @Override
    public String getSubType() {
        return effectiveType.substring(effectiveType.indexOf('/') + 1);
    }

    @Override
    public String getCharset() {
        return declared.charset();
    }

    @Override
    public String getTransferEncoding() {
        return transferEncoding;
    }

    @Override
    public long getContentLength() {
        return -1;
    }
}
