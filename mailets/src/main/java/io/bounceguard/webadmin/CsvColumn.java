package io.bounceguard.webadmin;

import java.util.function.BiFunction;

/** One CSV column: its key (used on import), its Japanese and English header, and how to read a row's cell. */
public record CsvColumn<T>(String key, String japanese, String english, BiFunction<T, Language, String> value) {

    public String header(Language language) {
        return language.pick(japanese, english);
    }
}
