package io.bounceguard.classify.report;

import java.util.ArrayList;
import java.util.List;

import io.bounceguard.classify.mime.HeaderField;

/** One block of report fields (per-message or per-recipient), in order, looked up case-insensitively. */
public final class ReportFields {

    private final List<HeaderField> fields = new ArrayList<>();

    void add(String name, String value) {
        fields.add(new HeaderField(name, value));
    }

    void appendToLast(String continuation) {
        HeaderField last = fields.remove(fields.size() - 1);
        fields.add(new HeaderField(last.name(), last.value() + "\n" + continuation));
    }

    boolean isEmpty() {
        return fields.isEmpty();
    }

    public List<HeaderField> fields() {
        return fields;
    }

    public String first(String name) {
        for (HeaderField f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return f.value();
            }
        }
        return null;
    }

    public List<String> all(String name) {
        List<String> out = new ArrayList<>(2);
        for (HeaderField f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                out.add(f.value());
            }
        }
        return out;
    }

    public boolean has(String name) {
        return first(name) != null;
    }
}
