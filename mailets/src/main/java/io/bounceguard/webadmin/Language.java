package io.bounceguard.webadmin;

import java.util.Locale;

/** The language of labels in CSV headers, reason labels and the page: Japanese by default. */
public enum Language {
    JA(Locale.JAPANESE), EN(Locale.ENGLISH);

    private final Locale locale;

    Language(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    /** {@code ja} (default when absent) or {@code en}. */
    public static Language from(String value) {
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("ja")) {
            return JA;
        }
        if (value.trim().equalsIgnoreCase("en")) {
            return EN;
        }
        throw new BadRequest("lang must be ja or en, was '" + value + "'");
    }

    public String pick(String japanese, String english) {
        return this == JA ? japanese : english;
    }
}
