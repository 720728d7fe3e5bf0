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
 * Statistics from the store's counters (daily rows for reason, bounce type and source, a row per receiving domain
 * and month; kept in step with the log as events are written, in the same transaction, never a scan of the log):
 * counts by reason, bounce type, source, receiving domain and day, and the bounce rate per receiving domain where
 * sends are known. A domain with sends but no event in the range is in the bounce rates only, and a domain with no
 * send has {@code "sent": null}, as when each count had its own counter rows.
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
            List<StatisticsSql.DomainTotals> domains = StatisticsSql.domainTotals(connection, store.dialect(), from, to);
            json.put("byDomain", domains.stream()
                .filter(d -> d.events() > 0)
                .limit(top)
                .map(d -> domain(d.domain(), d.events(), d.failed(), d.sent() == 0 ? null : d.sent()))
                .collect(Collectors.toList()));
            json.put("bounceRate", domains.stream()
                .filter(d -> d.sent() > 0)
                .map(d -> rate(d.domain(), d.sent(), d.failed()))
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
