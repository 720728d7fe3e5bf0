package io.bounceguard.webadmin;

import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.james.webadmin.utils.ErrorResponder;
import org.eclipse.jetty.http.HttpStatus;

import com.fasterxml.jackson.databind.JsonNode;

import io.bounceguard.store.BounceStore;
import io.bounceguard.store.NormalizedAddress;
import io.bounceguard.store.Scopes;
import io.bounceguard.store.SuppressionEntry;
import io.bounceguard.store.SuppressionTables;
import spark.Request;
import spark.Response;

/** The suppression routes: list and search, add, remove, CSV export. */
public final class SuppressionHandlers {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1_000;
    private static final int FETCH_SIZE = 1_000;

    private final BounceStore store;
    private final SuppressionWriter writer;

    public SuppressionHandlers(BounceStore store, SuppressionWriter writer) {
        this.store = store;
        this.writer = writer;
    }

    /** Lists entries in key order: {@code scope} (global or a sender domain; all when absent), {@code q} (key prefix),
     * {@code active} (default true: only entries in force), {@code after} (the last key of the previous page), {@code limit}. */
    public Object list(Request request, Response response) {
        Optional<String> scope = Params.storedScope(store.normalizer(), request.queryParams("scope"), Optional.empty());
        String prefix = Params.text(request.queryParams("q")).map(q -> q.toLowerCase(Locale.ROOT)).orElse(null);
        boolean active = Params.bool("active", request.queryParams("active")).orElse(true);
        String after = Params.text(request.queryParams("after")).orElse(null);
        int limit = Params.limit(request.queryParams("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        List<SuppressionEntry> entries = new ArrayList<>();
        Instant now = Instant.now();
        store.query("list suppressions", connection -> {
            store.suppressionTables().forEachEntry(connection, scope.orElse(null), prefix, active ? now : null, after,
                limit + 1, FETCH_SIZE, entries::add);
            return null;
        });
        boolean more = entries.size() > limit;
        List<SuppressionEntry> shown = more ? entries.subList(0, limit) : entries;
        Map<String, Object> json = Json.map();
        json.put("suppressions", shown.stream().map(e -> entry(e, now)).collect(Collectors.toList()));
        json.put("next", more ? shown.get(shown.size() - 1).addressKey() : null);
        return Json.render(json);
    }

    /** Body {@code {"address", "scope"?, "reason"?, "until"?, "note"?}}; answers 201 with the entry now in force. */
    public Object add(Request request, Response response) {
        JsonNode body = Json.object(request.body());
        NormalizedAddress address = Params.address(store.normalizer(), body.path("address").asText(null));
        String scope = Params.storedScope(store.normalizer(), body.path("scope").asText(null), Optional.of(Scopes.GLOBAL)).get();
        String reason = Params.reason(body.path("reason").asText(null)).orElse(null);
        Optional<Instant> until = Params.time("until", body.path("until").asText(null), true);
        until.filter(u -> !u.isAfter(Instant.now())).ifPresent(u -> {
            throw new BadRequest("until must be in the future, was " + u);
        });
        String note = Params.text(body.path("note").asText(null)).orElse(null);
        writer.suppress(address.key(), scope, reason, until.orElse(null), note, EventHandlers.who(request));
        response.status(HttpStatus.CREATED_201);
        return current(address.key(), scope).map(e -> Json.render(entry(e, Instant.now())))
            .orElseGet(() -> Json.render(Map.of("address", address.key(), "scope", Scopes.api(scope) == null ? "global" : scope,
                "state", "SPOOLED")));
    }

    /** Takes an address off one list ({@code scope}, default global); 404 when it is not on it. */
    public Object remove(Request request, Response response) {
        NormalizedAddress address = Params.address(store.normalizer(), request.params(":address"));
        String scope = Params.storedScope(store.normalizer(), request.queryParams("scope"), Optional.of(Scopes.GLOBAL)).get();
        if (current(address.key(), scope).filter(e -> e.activeAt(Instant.now())).isEmpty()) {
            throw ErrorResponder.builder()
                .statusCode(HttpStatus.NOT_FOUND_404)
                .type(ErrorResponder.ErrorType.NOT_FOUND)
                .message("%s is not suppressed in scope %s", address.key(), scope.isEmpty() ? "global" : scope)
                .haltError();
        }
        writer.remove(address.key(), scope, Params.text(request.queryParams("note")).orElse(null), EventHandlers.who(request));
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    public Object export(Request request, Response response) throws Exception {
        Optional<String> scope = Params.storedScope(store.normalizer(), request.queryParams("scope"), Optional.empty());
        boolean active = Params.bool("active", request.queryParams("active")).orElse(true);
        Language language = Language.from(request.queryParams("lang"));
        CsvEncoding encoding = CsvEncoding.from(request.queryParams("charset"));
        response.type(encoding.contentType());
        response.header("Content-Disposition", "attachment; filename=\"suppressions.csv\"");
        OutputStream out = response.raw().getOutputStream();
        Instant now = Instant.now();
        new CsvExport<>(SuppressionCsv.columns(), language, encoding).write(out, sink -> store.query("export suppressions",
            connection -> {
                store.suppressionTables().forEachEntry(connection, scope.orElse(null), null, active ? now : null, null, 0,
                    FETCH_SIZE, sink);
                return null;
            }));
        out.flush();
        return "";
    }

    private Optional<SuppressionEntry> current(String key, String storedScope) {
        Map<String, SuppressionEntry> entries = store.query("read suppressions",
            connection -> store.suppressionTables().entries(connection, List.of(key)));
        return Optional.ofNullable(entries.get(SuppressionTables.slot(key, storedScope)));
    }

    static Map<String, Object> entry(SuppressionEntry e, Instant now) {
        Map<String, Object> json = Json.map();
        json.put("address", e.addressKey());
        json.put("scope", e.scope() == null ? "global" : e.scope());
        json.put("origin", e.origin().name());
        json.put("reason", e.reason());
        json.put("reasonLabel", Map.of("ja", ReasonLabels.label(e.reason(), Language.JA),
            "en", ReasonLabels.label(e.reason(), Language.EN)));
        json.put("rule", e.rule());
        json.put("since", Json.time(e.since()));
        json.put("until", Json.time(e.until()));
        json.put("active", e.activeAt(now));
        json.put("eventId", e.eventId());
        return json;
    }
}
