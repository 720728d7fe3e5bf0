package io.bounceguard.classify.mime;

/**
 * Bounds on how much of a message is read.
 *
 * @param maxBytes       bytes of the raw message read at most; the rest is never looked at
 * @param maxTextBytes   decoded bytes kept per text part
 * @param maxHeaderCount header fields per entity
 * @param maxLineLength  longest physical line accepted by the parser
 * @param maxDepth       multipart nesting levels whose parts are kept
 * @param maxParts       leaf parts kept
 */
public record ReadLimits(int maxBytes, int maxTextBytes, int maxHeaderCount, int maxLineLength, int maxDepth,
                         int maxParts) {

    /** Enough for every real bounce: the report and human parts sit in the first few hundred KB. */
    public static final ReadLimits DEFAULT = new ReadLimits(512 * 1024, 64 * 1024, 1000, 256 * 1024, 12, 64);
}
