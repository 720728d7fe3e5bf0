package io.bounceguard.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Japanese and English text for every {@link Reason}, read from the shipped {@code reason-text.yaml}.
 * Japanese is the default; any locale whose language is not English gets Japanese.
 */
public final class ReasonCatalog {

    private static final String RESOURCE = "/io/bounceguard/classify/reason-text.yaml";
    private static final ReasonCatalog SHIPPED = load();

    private final Map<Reason, ReasonText> japanese;
    private final Map<Reason, ReasonText> english;

    private ReasonCatalog(Map<Reason, ReasonText> japanese, Map<Reason, ReasonText> english) {
        this.japanese = japanese;
        this.english = english;
    }

    /** The catalog shipped in the jar. */
    public static ReasonCatalog shipped() {
        return SHIPPED;
    }

    /** The text for {@code reason} in English when the locale's language is English, else in Japanese. */
    public ReasonText text(Reason reason, Locale locale) {
        boolean en = locale != null && Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
        return (en ? english : japanese).get(reason);
    }

    private static ReasonCatalog load() {
        try (InputStream in = ReasonCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            Map<Reason, ReasonText> ja = new EnumMap<>(Reason.class);
            Map<Reason, ReasonText> en = new EnumMap<>(Reason.class);
            for (Reason reason : Reason.values()) {
                JsonNode entry = root.path(reason.id());
                ja.put(reason, text(entry.path("ja"), reason, "ja"));
                en.put(reason, text(entry.path("en"), reason, "en"));
            }
            return new ReasonCatalog(ja, en);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static ReasonText text(JsonNode node, Reason reason, String language) {
        String label = node.path("label").asText("");
        String meaning = node.path("meaning").asText("");
        String action = node.path("action").asText("");
        if (label.isBlank() || meaning.isBlank() || action.isBlank()) {
            throw new IllegalStateException(RESOURCE + ": reason " + reason.id() + " lacks " + language + " text");
        }
        return new ReasonText(label, meaning, action);
    }
}
