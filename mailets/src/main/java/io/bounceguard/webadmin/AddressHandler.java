package io.bounceguard.webadmin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.bounceguard.store.AddressStatus;
import io.bounceguard.store.BounceStore;
import io.bounceguard.store.NormalizedAddress;
import io.bounceguard.store.Scopes;
import io.bounceguard.store.SuppressionEntry;
import io.bounceguard.store.SuppressionTables;
import spark.Request;
import spark.Response;

/**
 * One address: its status in each scope with the explanation (the rule, the deciding event, the counters) and
 * its recent events.
 */
public final class AddressHandler {
    private static final int RECENT_EVENTS = 50;

    private final BounceStore store;
    private final EventSql events;

    public AddressHandler(BounceStore store) {
        this.store = store;
        this.events = new EventSql(store);
    }

    public Object status(Request request, Response response) {
        NormalizedAddress address = Params.address(store.normalizer(), request.params(":address"));
        String key = address.key();
        Instant now = Instant.now();
        SuppressionTables tables = store.suppressionTables();
        List<AddressStatus> statuses = store.query("read an address status", connection -> tables.statuses(connection, key));
        Map<String, SuppressionEntry> entries = store.query("read suppressions", connection -> tables.entries(connection, List.of(key)));
        List<Map<String, Object>> scopes = new ArrayList<>();
        for (AddressStatus status : statuses) {
            Optional<SuppressionEntry> entry = Optional.ofNullable(
                entries.get(SuppressionTables.slot(key, Scopes.stored(status.scope()))));
            scopes.add(scope(status, entry, now));
        }
        EventFilter filter = new EventFilter(Optional.of(key), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
        Map<String, Object> json = Json.map();
        json.put("address", key);
        json.put("suppressed", scopes.stream().anyMatch(s -> "SUPPRESSED".equals(s.get("state"))));
        json.put("scopes", scopes);
        json.put("events", events.page(filter, Optional.empty(), RECENT_EVENTS).stream().map(EventJson::item)
            .collect(Collectors.toList()));
        return Json.render(json);
    }

    private static Map<String, Object> scope(AddressStatus status, Optional<SuppressionEntry> entry, Instant now) {
        Map<String, Object> json = Json.map();
        json.put("scope", status.scope() == null ? "global" : status.scope());
        json.put("state", status.stateAt(now).name());
        json.put("reason", status.reason());
        if (status.reason() != null) {
            json.put("reasonLabel", Map.of("ja", ReasonLabels.label(status.reason(), Language.JA),
                "en", ReasonLabels.label(status.reason(), Language.EN)));
        }
        json.put("rule", status.rule());
        json.put("since", Json.time(status.since()));
        json.put("until", Json.time(status.until()));
        Map<String, Object> counts = Json.map();
        counts.put("hard", status.hardCount());
        counts.put("soft", status.softCount());
        counts.put("complaint", status.complaintCount());
        counts.put("senderSide", status.senderSideCount());
        counts.put("delivered", status.deliveredCount());
        json.put("counts", counts);
        json.put("lastEventTime", Json.time(status.lastEventTime()));
        entry.ifPresent(e -> {
            Map<String, Object> suppression = Json.map();
            suppression.put("origin", e.origin().name());
            suppression.put("rule", e.rule());
            suppression.put("since", Json.time(e.since()));
            suppression.put("until", Json.time(e.until()));
            suppression.put("active", e.activeAt(now));
            suppression.put("eventId", e.eventId());
            json.put("suppression", suppression);
        });
        return json;
    }
}
