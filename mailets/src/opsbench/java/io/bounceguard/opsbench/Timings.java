package io.bounceguard.opsbench;

import java.util.Arrays;
import java.util.Locale;

/** Latencies of one query, in milliseconds, and their percentiles. */
final class Timings {
    private final double[] millis;
    private int size;

    Timings(int capacity) {
        this.millis = new double[capacity];
    }

    void add(long nanos) {
        millis[size++] = nanos / 1e6;
    }

    double percentile(double p) {
        double[] sorted = Arrays.copyOf(millis, size);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, index))];
    }

    int size() {
        return size;
    }

    String summary() {
        return String.format(Locale.ROOT, "p50 %8.2f ms  p99 %8.2f ms  (n=%d)", percentile(50), percentile(99), size);
    }
}
