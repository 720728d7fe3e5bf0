package io.bounceguard.metrics;

import java.math.BigDecimal;
import java.util.Map;

import io.bounceguard.policy.StoreHealth;

/** Renders {@link BounceMetrics} and the store's health in the Prometheus text exposition format 0.0.4. */
public final class PrometheusText {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder();

    private PrometheusText() {
    }

    public static String render(BounceMetrics metrics, StoreHealth health) {
        PrometheusText text = new PrometheusText();
        text.labelled("bounceguard_classified_by_kind_total", "Recipients classified, by message kind", "kind", metrics.byKind());
        text.labelled("bounceguard_classified_by_reason_total", "Recipients classified, by reason", "reason", metrics.byReason());
        text.labelled("bounceguard_classified_by_bounce_type_total", "Recipients classified, by bounce type", "bounce_type",
            metrics.byBounceType());
        text.labelled("bounceguard_classified_by_source_total", "Recipients classified, by event source", "source",
            metrics.bySource());
        text.single("bounceguard_suppressed_at_relay_total", "counter", "Recipients stopped before relay",
            metrics.suppressedAtRelayCount());
        text.single("bounceguard_unverified_total", "counter", "Bounces not tied to a message we sent",
            metrics.unverifiedCount());
        text.histogram("bounceguard_classification_seconds", "Time to classify one message", metrics.classificationLatency());
        text.histogram("bounceguard_store_write_seconds", "Time of one store write", metrics.storeWriteLatency());
        text.single("bounceguard_snapshot_size", "gauge", "Suppressions in the relay lookup snapshot", health.snapshotSize());
        text.single("bounceguard_snapshot_bytes", "gauge", "Estimated heap of the lookup snapshot", health.snapshotBytes());
        text.single("bounceguard_database_down", "gauge", "1 while the database cannot be written", health.databaseDown() ? 1 : 0);
        text.single("bounceguard_spooled_events", "gauge", "Events waiting in the local spool", health.spooledEvents());
        text.single("bounceguard_events_stored_total", "counter", "Events written to the database", health.eventsStored());
        text.single("bounceguard_write_failures_total", "counter", "Batches spooled because the database failed",
            health.writeFailures());
        text.single("bounceguard_lost_events_total", "counter", "Events neither stored nor spooled", health.lostEvents());
        text.single("bounceguard_rejected_events_total", "counter", "Events the database refused while up (kept for ops)",
            health.rejectedEvents());
        text.single("bounceguard_addresses_refolded_total", "counter",
            "Addresses folded again from their whole history (an event came late, or the policy settings changed)",
            health.addressesRefolded());
        return text.out.toString();
    }

    private void header(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void single(String name, String type, String help, double value) {
        header(name, type, help);
        out.append(name).append(' ').append(number(value)).append('\n');
    }

    private void labelled(String name, String help, String label, Map<String, Long> values) {
        header(name, "counter", help);
        values.forEach((value, count) -> out.append(name).append('{').append(label).append("=\"").append(escape(value))
            .append("\"} ").append(count).append('\n'));
    }

    private void histogram(String name, String help, LatencyHistogram histogram) {
        header(name, "histogram", help);
        for (int i = 0; i < LatencyHistogram.BOUNDS.length; i++) {
            out.append(name).append("_bucket{le=\"").append(number(LatencyHistogram.BOUNDS[i])).append("\"} ")
                .append(histogram.cumulative(i)).append('\n');
        }
        out.append(name).append("_bucket{le=\"+Inf\"} ").append(histogram.count()).append('\n');
        out.append(name).append("_sum ").append(number(histogram.sumSeconds())).append('\n');
        out.append(name).append("_count ").append(histogram.count()).append('\n');
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
