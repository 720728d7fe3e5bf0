package io.bounceguard.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bounceguard.store.AddressState;
import io.bounceguard.store.AddressStatus;
import io.bounceguard.store.SuppressionEntry;
import io.bounceguard.store.SuppressionOrigin;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a {@link FoldState} as compact JSON for the status row's {@code fold} column and reads it back together
 * with the row's other columns. The JSON holds only what those columns do not: the settings' fingerprint, the last
 * event's id, the suppression's origin and event, the evidence and the soft bounces in the window (times in
 * microseconds since the epoch, as the database keeps them); the counters, the rule, the last event's time and the
 * suppression's reason, start and end come from the status itself. Text that does not read back as a state
 * (written by another version, or damaged) reads as none, and the address is then folded again from its logged
 * events.
 */
final class FoldCodec {
    private static final int VERSION = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private FoldCodec() {
    }

    /** The JSON for a state whose other values are written in {@code status} beside it. */
    static String write(FoldState state) {
        ObjectNode node = JSON.createObjectNode();
        node.put("v", VERSION);
        node.put("s", state.settings());
        node.put("id", state.lastId());
        SuppressionEntry entry = state.entry();
        if (entry != null) {
            node.put("o", entry.origin().name());
            if (entry.eventId() != null) {
                node.put("eid", entry.eventId());
            }
        }
        ArrayNode evidence = node.putArray("e");
        state.evidence().forEach(evidence::add);
        ArrayNode window = node.putArray("w");
        state.softWindow().forEach(mark -> window.addArray().add(micros(mark.time())).add(mark.id()));
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a fold state could not be written as JSON", e);
        }
    }

    /**
     * The state saved in a status row (its {@code fold} text and its status), or empty when it does not read: no
     * text, another version, missing fields, or a suppressed status without its start or rule.
     */
    static Optional<FoldState> read(String text, AddressStatus status) {
        boolean suppression = status.state() != AddressState.ACTIVE;
        if (text == null || text.isBlank() || suppression && (status.since() == null || status.rule() == null)) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node.path("v").asInt() != VERSION) {
                return Optional.empty();
            }
            List<Long> evidence = new ArrayList<>();
            node.required("e").forEach(id -> evidence.add(id.longValue()));
            List<FoldState.Mark> window = new ArrayList<>();
            node.required("w").forEach(mark -> window.add(new FoldState.Mark(instant(mark.required(0)), mark.required(1).longValue())));
            SuppressionEntry entry = suppression ? new SuppressionEntry(status.addressKey(), status.scope(),
                    SuppressionOrigin.valueOf(node.required("o").asText()), status.reason(), status.rule(), status.since(),
                    status.until(), node.has("eid") ? node.get("eid").longValue() : null) : null;
            return Optional.of(new FoldState(node.required("s").asText(), status.lastEventTime(), node.required("id").longValue(),
                    status.hardCount(), status.softCount(), status.complaintCount(), status.senderSideCount(),
                    status.deliveredCount(), status.rule(), evidence, entry, window));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static long micros(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000);
    }

    private static Instant instant(JsonNode micros) {
        long value = micros.longValue();
        return Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
    }
}
