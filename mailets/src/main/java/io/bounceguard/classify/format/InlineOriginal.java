package io.bounceguard.classify.format;

import java.util.ArrayList;
import java.util.List;

import io.bounceguard.classify.mime.HeaderField;
import io.bounceguard.classify.mime.Headers;
import io.bounceguard.classify.text.Tokens;

/** Reads the header lines of an original message returned inline after a notice's copy marker. */
final class InlineOriginal {

    private static final int MAX_LINES = 80;

    private InlineOriginal() {
    }

    static Headers headers(String section) {
        List<HeaderField> fields = new ArrayList<>();
        List<String> lines = NoticeText.splitLines(section);
        boolean started = false;
        for (int i = 1; i < lines.size() && i < MAX_LINES; i++) {
            String line = lines.get(i);
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
            if (colon <= 0 || !Tokens.isToken(line, 0, colon)) {
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
