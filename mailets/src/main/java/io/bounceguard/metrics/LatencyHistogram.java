package io.bounceguard.metrics;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** A fixed-bucket latency histogram (seconds), cumulative as Prometheus reads it. */
public final class LatencyHistogram {
    /** Upper bounds in seconds, from 100 µs to 10 s. */
    public static final double[] BOUNDS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
        0.5, 1, 2.5, 5, 10};

    private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS.length);
    private final LongAdder count = new LongAdder();
    private final LongAdder sumNanos = new LongAdder();

    public void record(long nanos) {
        long value = Math.max(0, nanos);
        double seconds = value / 1e9;
        for (int i = 0; i < BOUNDS.length; i++) {
            if (seconds <= BOUNDS[i]) {
                buckets.incrementAndGet(i);
                break;
            }
        }
        count.increment();
        sumNanos.add(value);
    }

    /** Observations at or below {@code BOUNDS[index]}. */
    public long cumulative(int index) {
        long total = 0;
        for (int i = 0; i <= index; i++) {
            total += buckets.get(i);
        }
        return total;
    }

    public long count() {
        return count.sum();
    }

    public double sumSeconds() {
        return sumNanos.sum() / 1e9;
    }
}
