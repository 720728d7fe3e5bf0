package io.bounceguard.classify.mime;

/**
 * One leaf part of a message as the classifier sees it.
 *
 * @param headers          the part's own header (the message header for a single-part message)
 * @param contentType      its parsed Content-Type
 * @param text             its decoded text, cut at the read limit; empty for parts that were not read and for
 *                         enclosed messages (only their header is read)
 * @param enclosedHeaders  for message/rfc822, message/global and text/rfc822-headers parts: the enclosed header
 * @param depth            multipart nesting depth (0 for the top-level body)
 */
public record MimePart(Headers headers, ContentType contentType, String text, Headers enclosedHeaders, int depth) {

    public boolean is(String mimeType) {
        return contentType.is(mimeType);
    }
}
