package io.bounceguard.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.metrics.api.MetricFactory;

/**
 * Bounce Guard's counters and latency histograms. Every count also goes to James's {@link MetricFactory}
 * (names {@code bounceguard_*}), and the values are kept here for the Prometheus text at
 * {@code GET /bounces/metrics}. One instance is shared by the mailets and the routes.
 */
@Singleton
public class BounceMetrics {
    private final MetricFactory metricFactory;
    private final ConcurrentMap<String, LongAdder> byReason = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> byBounceType = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> bySource = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> byKind = new ConcurrentHashMap<>();
    private final LongAdder suppressedAtRelay = new LongAdder();
    private final LongAdder unverified = new LongAdder();
    private final LatencyHistogram classification = new LatencyHistogram();
    private final LatencyHistogram storeWrite = new LatencyHistogram();

    @Inject
    public BounceMetrics(MetricFactory metricFactory) {
        this.metricFactory = metricFactory;
    }

    /** One recipient classified: its message kind, reason, bounce type and event source, and the classification time. */
    public void classified(String kind, String reason, String bounceType, String source, long nanos) {
        count(byKind, "kind", kind);
        count(byReason, "reason", reason);
        count(byBounceType, "bounce_type", bounceType);
        count(bySource, "source", source);
        classification.record(nanos);
    }

    /** One store write (an event or a batch) took {@code nanos}. */
    public void stored(long nanos) {
        storeWrite.record(nanos);
    }

    /** One recipient was split off before relay because it is suppressed. */
    public void suppressedAtRelay() {
        suppressedAtRelay.increment();
        metricFactory.generate("bounceguard_suppressed_at_relay").increment();
    }

    /** One bounce could not be tied to a message we sent (no signed VERP or Message-ID match). */
    public void unverified() {
        unverified.increment();
        metricFactory.generate("bounceguard_unverified").increment();
    }

    private void count(ConcurrentMap<String, LongAdder> counters, String dimension, String value) {
        String label = value == null || value.isBlank() ? "none" : value.trim().toLowerCase(Locale.ROOT);
        counters.computeIfAbsent(label, k -> new LongAdder()).increment();
        metricFactory.generate("bounceguard_" + dimension + "_" + label).increment();
    }

    public Map<String, Long> byReason() {
        return snapshot(byReason);
    }

    public Map<String, Long> byBounceType() {
        return snapshot(byBounceType);
    }

    public Map<String, Long> bySource() {
        return snapshot(bySource);
    }

    public Map<String, Long> byKind() {
        return snapshot(byKind);
    }

    public long suppressedAtRelayCount() {
        return suppressedAtRelay.sum();
    }

    public long unverifiedCount() {
        return unverified.sum();
    }

    public LatencyHistogram classificationLatency() {
        return classification;
    }

    public LatencyHistogram storeWriteLatency() {
        return storeWrite;
    }

    private static Map<String, Long> snapshot(ConcurrentMap<String, LongAdder> counters) {
        Map<String, Long> values = new java.util.TreeMap<>();
        counters.forEach((k, v) -> values.put(k, v.sum()));
        return values;
    }
}
