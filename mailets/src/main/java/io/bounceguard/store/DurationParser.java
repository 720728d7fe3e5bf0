package io.bounceguard.store;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parses durations written as {@code 500ms}, {@code 30s}, {@code 15m}, {@code 12h}, {@code 14d} or ISO-8601 ({@code P14D}). */
public final class DurationParser {
    private DurationParser() {
    }

    /** The duration; throws {@link IllegalArgumentException} naming the setting and the bad value. */
    public static Duration parse(String key, String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("p")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2).trim()));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1).trim());
            switch (value.charAt(value.length() - 1)) {
                case 's': return Duration.ofSeconds(amount);
                case 'm': return Duration.ofMinutes(amount);
                case 'h': return Duration.ofHours(amount);
                case 'd': return Duration.ofDays(amount);
                default: break;
            }
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            // reported below with the setting's name
        }
        throw new IllegalArgumentException("setting " + key + ": '" + text
                + "' is not a duration (examples: 500ms, 30s, 15m, 12h, 14d, P14D)");
    }
}
