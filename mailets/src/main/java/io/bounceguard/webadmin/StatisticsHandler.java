package io.bounceguard.webadmin;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.bounceguard.store.BounceStore;
import io.bounceguard.store.StatCounters;
import spark.Request;
import spark.Response;

/**
 * Statistics from the store's daily counters (kept in step with the log as events are written, never a scan of
 * the log): counts by reason, bounce type, source, receiving domain and day, and the bounce rate per receiving
 * domain where sends are known.
 */
public final class StatisticsHandler {
    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 366;
    static final int DEFAULT_TOP = 20;

    private final BounceStore store;

    public StatisticsHandler(BounceStore store) {
        this.store = store;
    }

    public Object statistics(Request request, Response response) {
        LocalDate to = Params.day("to", request.queryParams("to")).orElse(LocalDate.now(ZoneOffset.UTC));
        LocalDate from = Params.day("from", request.queryParams("from")).orElse(to.minusDays(DEFAULT_DAYS - 1));
        if (to.isBefore(from)) {
            throw new BadRequest("the day range ends (" + to + ") before it starts (" + from + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new BadRequest("the day range is limited to " + MAX_DAYS + " days");
        }
        int top = Params.limit(request.queryParams("top"), DEFAULT_TOP, 1_000);
        return Json.render(compute(from, to, top));
    }

    /** The statistics for days in [{@code from}, {@code to}], with the {@code top} receiving domains. */
    public Map<String, Object> compute(LocalDate from, LocalDate to, int top) {
        return store.query("read statistics", connection -> {
            SerialPlans.forTransaction(connection, store.dialect());
            Map<String, Object> json = Json.map();
            json.put("from", from.toString());
            json.put("to", to.toString());
            Map<String, Map<String, Long>> totals = StatisticsSql.smallTotals(connection, from, to);
            json.put("byReason", totals.getOrDefault(StatCounters.REASON, Map.of()).entrySet().stream()
                .map(e -> reason(e.getKey(), e.getValue())).collect(Collectors.toList()));
            json.put("byBounceType", new TreeMap<>(totals.getOrDefault(StatCounters.BOUNCE_TYPE, Map.of())));
            json.put("bySource", new TreeMap<>(totals.getOrDefault(StatCounters.SOURCE, Map.of())));
            Map<String, Long> failed = StatisticsSql.totals(connection, StatCounters.DOMAIN_FAILED, from, to);
            Map<String, Long> sent = StatisticsSql.totals(connection, StatCounters.DOMAIN_SENT, from, to);
            json.put("byDomain", StatisticsSql.totals(connection, StatCounters.DOMAIN, from, to).entrySet().stream()
                .limit(top)
                .map(e -> domain(e.getKey(), e.getValue(), failed.getOrDefault(e.getKey(), 0L), sent.get(e.getKey())))
                .collect(Collectors.toList()));
            json.put("bounceRate", sent.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> rate(e.getKey(), e.getValue(), failed.getOrDefault(e.getKey(), 0L)))
                .sorted(Comparator.comparing((Map<String, Object> m) -> (Double) m.get("rate")).reversed()
                    .thenComparing(m -> (String) m.get("domain")))
                .limit(top)
                .collect(Collectors.toList()));
            json.put("byDay", byDay(StatisticsSql.perDay(connection, StatCounters.REASON, from, to)));
            return json;
        });
    }

    private static Map<String, Object> reason(String reason, long count) {
        Map<String, Object> json = Json.map();
        json.put("reason", reason);
        json.put("label", Map.of("ja", ReasonLabels.label(reason, Language.JA), "en", ReasonLabels.label(reason, Language.EN)));
        json.put("count", count);
        return json;
    }

    private static Map<String, Object> domain(String domain, long count, long failed, Long sent) {
        Map<String, Object> json = Json.map();
        json.put("domain", domain);
        json.put("events", count);
        json.put("failed", failed);
        json.put("sent", sent);
        json.put("bounceRate", sent == null || sent == 0 ? null : (double) failed / sent);
        return json;
    }

    private static Map<String, Object> rate(String domain, long sent, long failed) {
        Map<String, Object> json = Json.map();
        json.put("domain", domain);
        json.put("sent", sent);
        json.put("failed", failed);
        json.put("rate", (double) failed / sent);
        return json;
    }

    private static List<Map<String, Object>> byDay(List<StatisticsSql.DayCount> counts) {
        Map<LocalDate, Map<String, Long>> days = new TreeMap<>();
        counts.forEach(c -> days.computeIfAbsent(c.day(), d -> new TreeMap<>()).merge(c.value(), c.count(), Long::sum));
        List<Map<String, Object>> list = new ArrayList<>();
        days.forEach((day, reasons) -> {
            Map<String, Object> json = Json.map();
            json.put("day", day.toString());
            json.put("total", reasons.values().stream().mapToLong(Long::longValue).sum());
            json.put("reasons", reasons);
            list.add(json);
        });
        return list;
    }
}
