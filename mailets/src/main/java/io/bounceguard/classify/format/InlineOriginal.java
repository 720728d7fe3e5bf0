package io.bounceguard.classify.format;

import java.util.ArrayList;
import java.util.List;

import io.bounceguard.classify.mime.HeaderField;
import io.bounceguard.classify.mime.Headers;

/** Reads the header lines of an original message returned inline after a notice's copy marker. */
final class InlineOriginal {

    private static final int MAX_LINES = 80;

    private InlineOriginal() {
    }

    static Headers headers(String section) {
        List<HeaderField> fields = new ArrayList<>();
        String[] lines = section.split("\r\n|\r|\n");
        boolean started = false;
        for (int i = 1; i < lines.length && i < MAX_LINES; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                if (started) {
                    break;
                }
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !fields.isEmpty()) {
                HeaderField last = fields.remove(fields.size() - 1);
                fields.add(new HeaderField(last.name(), last.value() + " " + line.strip()));
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !line.substring(0, colon).matches("[A-Za-z0-9-]+")) {
                if (started) {
                    break;
                }
                continue;
            }
            started = true;
            fields.add(new HeaderField(line.substring(0, colon), line.substring(colon + 1).strip()));
        }
        return new Headers(fields);
    }
}
