package io.bounceguard.classify.mime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The ordered header fields of a message or body part, looked up case-insensitively. */
public final class Headers {

    public static final Headers EMPTY = new Headers(List.of());

    private final List<HeaderField> fields;
    private Map<String, HeaderField> firstByName;

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
        Map<String, HeaderField> index = firstByName;
        if (index == null) {
            index = new HashMap<>(fields.size() * 2);
            for (HeaderField field : fields) {
                index.putIfAbsent(field.name().toLowerCase(Locale.ROOT), field);
            }
            firstByName = index;
        }
        HeaderField field = index.get(name.toLowerCase(Locale.ROOT));
        return field == null ? null : field.value();
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
        for (HeaderField field : fields) {
            if (field.name().equalsIgnoreCase(name)) {
                values.add(field.value());
            }
        }
        return values;
    }
}
