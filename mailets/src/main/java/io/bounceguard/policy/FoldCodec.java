package io.bounceguard.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bounceguard.store.Scopes;
import io.bounceguard.store.SuppressionEntry;
import io.bounceguard.store.SuppressionOrigin;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a {@link FoldState} as compact JSON for the status row's {@code fold} column and reads it back; times
 * are microseconds since the epoch, as the database keeps them. Text that does not read back as a state (written by
 * another version, or damaged) reads as none, and the address is then folded again from its logged events.
 */
final class FoldCodec {
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private FoldCodec() {
    }

    static String write(FoldState state) {
        ObjectNode node = JSON.createObjectNode();
        node.put("v", VERSION);
        node.put("settings", state.settings());
        if (state.lastTime() != null) {
            node.put("lastTime", micros(state.lastTime()));
        }
        node.put("lastId", state.lastId());
        node.put("hard", state.hard());
        node.put("soft", state.soft());
        node.put("complaints", state.complaints());
        node.put("senderSide", state.senderSide());
        node.put("delivered", state.delivered());
        node.put("rule", state.rule());
        ArrayNode evidence = node.putArray("evidence");
        state.evidence().forEach(evidence::add);
        SuppressionEntry entry = state.entry();
        if (entry != null) {
            ObjectNode e = node.putObject("entry");
            e.put("origin", entry.origin().name());
            e.put("reason", entry.reason());
            e.put("rule", entry.rule());
            e.put("since", micros(entry.since()));
            if (entry.until() != null) {
                e.put("until", micros(entry.until()));
            }
            if (entry.eventId() != null) {
                e.put("eventId", entry.eventId());
            }
        }
        ArrayNode window = node.putArray("window");
        state.softWindow().forEach(mark -> window.addArray().add(micros(mark.time())).add(mark.id()));
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a fold state could not be written as JSON", e);
        }
    }

    /** The state saved for an address key in a stored scope, or empty when there is none or it does not read. */
    static Optional<FoldState> read(String text, String addressKey, String storedScope) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node.path("v").asInt() != VERSION) {
                return Optional.empty();
            }
            List<Long> evidence = new ArrayList<>();
            node.required("evidence").forEach(id -> evidence.add(id.longValue()));
            List<FoldState.Mark> window = new ArrayList<>();
            node.required("window").forEach(mark -> window.add(new FoldState.Mark(instant(mark.required(0)), mark.required(1).longValue())));
            JsonNode e = node.get("entry");
            SuppressionEntry entry = e == null ? null : new SuppressionEntry(addressKey, Scopes.api(storedScope),
                    SuppressionOrigin.valueOf(e.required("origin").asText()), textOrNull(e.get("reason")),
                    e.required("rule").asText(), instant(e.required("since")), instant(e.get("until")),
                    e.has("eventId") ? e.get("eventId").longValue() : null);
            return Optional.of(new FoldState(node.required("settings").asText(), instant(node.get("lastTime")),
                    node.required("lastId").longValue(), node.required("hard").intValue(), node.required("soft").intValue(),
                    node.required("complaints").intValue(), node.required("senderSide").intValue(),
                    node.required("delivered").intValue(), node.required("rule").asText(), evidence, entry, window));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static long micros(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000);
    }

    private static Instant instant(JsonNode micros) {
        if (micros == null || micros.isNull()) {
            return null;
        }
        long value = micros.longValue();
        return Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
    }

    private static String textOrNull(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText();
    }
}
