package io.bounceguard.classify.mime;

/** One header field: its name as written and its unfolded, decoded value. */
public record HeaderField(String name, String value) {
}
