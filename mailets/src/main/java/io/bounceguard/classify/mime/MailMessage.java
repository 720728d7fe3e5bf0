package io.bounceguard.classify.mime;

import java.util.List;

/**
 * A message read within limits: its top-level header, its leaf parts in order, and what went wrong.
 *
 * @param headers     top-level header fields
 * @param contentType top-level Content-Type
 * @param parts       leaf parts in document order (the body itself for a single-part message)
 * @param error       a description of damage met while reading, or null
 */
public record MailMessage(Headers headers, ContentType contentType, List<MimePart> parts, String error) {

    public MailMessage {
        parts = List.copyOf(parts);
    }

    /** The first part of the given type, or null. */
    public MimePart firstPart(String mimeType) {
        for (MimePart part : parts) {
            if (part.is(mimeType)) {
                return part;
            }
        }
        return null;
    }

    /** The first enclosed original message (message/rfc822, message/global or a headers part), or null. */
    public MimePart enclosedOriginal() {
        for (MimePart part : parts) {
            if (!part.enclosedHeaders().isEmpty()) {
                return part;
            }
        }
        return null;
    }
}
