package io.bounceguard.webadmin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** JSON rendering and parsing for the routes (instants as ISO-8601 text). */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
    }

    public static String render(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a request body that must be a JSON object. */
    public static JsonNode object(String body) {
        try {
            JsonNode node = MAPPER.readTree(body == null ? "" : body);
            if (node == null || !node.isObject()) {
                throw new BadRequest("the request body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new BadRequest("the request body is not valid JSON: " + e.getMessage().split("\n")[0]);
        }
    }

    /** An ordered map for building a JSON object. */
    public static Map<String, Object> map() {
        return new LinkedHashMap<>();
    }

    public static String time(Instant value) {
        return value == null ? null : value.toString();
    }
}
