package io.bounceguard.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.junit.jupiter.api.Test;

import io.bounceguard.policy.StoreHealth;

class BounceMetricsTest {
    private final RecordingMetricFactory james = new RecordingMetricFactory();
    private final BounceMetrics metrics = new BounceMetrics(james);

    @Test
    void countsGoToJamesAndToThePrometheusText() {
        metrics.classified("dsn", "userunknown", "hard", "INBOUND_DSN", 2_000_000);
        metrics.classified("dsn", "userunknown", "hard", "INBOUND_DSN", 30_000_000);
        metrics.classified("nonstandard", "mailboxfull", "soft", "NONSTANDARD_BOUNCE", 20_000_000_000L);
        metrics.suppressedAtRelay();
        metrics.unverified();
        metrics.unverified();
        metrics.stored(400_000);

        assertThat(james.countFor("bounceguard_reason_userunknown")).isEqualTo(2);
        assertThat(james.countFor("bounceguard_bounce_type_soft")).isEqualTo(1);
        assertThat(james.countFor("bounceguard_source_inbound_dsn")).isEqualTo(2);
        assertThat(james.countFor("bounceguard_suppressed_at_relay")).isEqualTo(1);
        assertThat(james.countFor("bounceguard_unverified")).isEqualTo(2);

        String text = PrometheusText.render(metrics, new StoreHealth(12, 4096, true, 3, 40, 1, 0, 2, 7));
        assertThat(text)
            .contains("bounceguard_classified_by_reason_total{reason=\"userunknown\"} 2\n")
            .contains("bounceguard_classified_by_bounce_type_total{bounce_type=\"soft\"} 1\n")
            .contains("bounceguard_classified_by_source_total{source=\"inbound_dsn\"} 2\n")
            .contains("bounceguard_classified_by_kind_total{kind=\"nonstandard\"} 1\n")
            .contains("bounceguard_suppressed_at_relay_total 1\n")
            .contains("bounceguard_unverified_total 2\n")
            .contains("bounceguard_classification_seconds_bucket{le=\"0.0025\"} 1\n")
            .contains("bounceguard_classification_seconds_bucket{le=\"0.05\"} 2\n")
            .contains("bounceguard_classification_seconds_bucket{le=\"10\"} 2\n")
            .contains("bounceguard_classification_seconds_bucket{le=\"+Inf\"} 3\n")
            .contains("bounceguard_classification_seconds_count 3\n")
            .contains("bounceguard_classification_seconds_sum 20.032\n")
            .contains("bounceguard_store_write_seconds_bucket{le=\"0.0005\"} 1\n")
            .contains("bounceguard_snapshot_size 12\n")
            .contains("bounceguard_database_down 1\n")
            .contains("bounceguard_spooled_events 3\n")
            .contains("bounceguard_rejected_events_total 2\n")
            .contains("bounceguard_addresses_refolded_total 7\n")
            .contains("# TYPE bounceguard_store_write_seconds histogram\n");
    }

    @Test
    void labelValuesAreEscaped() {
        assertThat(PrometheusText.escape("a\"b\\c\nd")).isEqualTo("a\\\"b\\\\c\\nd");
        metrics.classified(null, " ", "HARD", "x", 1);
        assertThat(PrometheusText.render(metrics, new StoreHealth(0, 0, false, 0, 0, 0, 0, 0, 0)))
            .contains("{reason=\"none\"} 1").contains("{bounce_type=\"hard\"} 1");
    }
}
