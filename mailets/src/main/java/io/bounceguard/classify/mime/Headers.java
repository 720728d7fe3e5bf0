package io.bounceguard.classify.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The ordered header fields of a message or body part, looked up case-insensitively. */
public final class Headers {

    public static final Headers EMPTY = new Headers(List.of());

    private final List<HeaderField> fields;

    public Headers(List<HeaderField> fields) {
        this.fields = List.copyOf(fields);
    }

    public List<HeaderField> fields() {
        return fields;
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** The first value of the named field, or null. */
    public String first(String name) {
        int key = HeaderField.nameKey(name);
        for (HeaderField field : fields) {
            if (field.isNamed(name, key)) {
                return field.value();
            }
        }
        return null;
    }

    /** The first value of the named field lower-cased and trimmed, or the empty string. */
    public String lower(String name) {
        String value = first(name);
        return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    }

    public boolean has(String name) {
        return first(name) != null;
    }

    /** Every value of the named field, in order. */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>(2);
        int key = HeaderField.nameKey(name);
        for (HeaderField field : fields) {
            if (field.isNamed(name, key)) {
                values.add(field.value());
            }
        }
        return values;
    }
}
