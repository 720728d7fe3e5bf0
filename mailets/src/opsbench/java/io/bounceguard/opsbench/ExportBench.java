package io.bounceguard.opsbench;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.bounceguard.store.BounceStore;
import io.bounceguard.webadmin.CsvEncoding;
import io.bounceguard.webadmin.CsvExport;
import io.bounceguard.webadmin.EventCsv;
import io.bounceguard.webadmin.EventFilter;
import io.bounceguard.webadmin.EventSql;
import io.bounceguard.webadmin.Language;

/**
 * Streams every event through the export (the route's code path, to a byte-counting sink) and reports rows per
 * second against a plain JDBC read of the same rows, and the live heap after GC at each tenth of the rows.
 */
final class ExportBench {
    private final BounceStore store;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    ExportBench(BounceStore store) {
        this.store = store;
    }

    void run(String database, int rows, Consumer<String> report) throws Exception {
        EventSql events = new EventSql(store);
        AtomicLong scanned = new AtomicLong();
        long scanStart = System.nanoTime();
        events.stream(EventFilter.none(), row -> scanned.incrementAndGet());
        double scanSeconds = (System.nanoTime() - scanStart) / 1e9;

        for (CsvEncoding encoding : CsvEncoding.values()) {
            CountingSink sink = new CountingSink();
            List<Long> heap = new ArrayList<>();
            AtomicLong written = new AtomicLong();
            long step = Math.max(1, rows / 10);
            long start = System.nanoTime();
            new CsvExport<>(EventCsv.columns(), Language.JA, encoding).write(sink, out -> events.stream(EventFilter.none(), row -> {
                out.accept(row);
                if (written.incrementAndGet() % step == 0) {
                    heap.add(liveHeapMb());
                }
            }));
            double seconds = (System.nanoTime() - start) / 1e9;
            report.accept(String.format(Locale.ROOT, "## %s: export of %,d events, %s", database, written.get(), encoding));
            report.accept(String.format(Locale.ROOT, "export %,.0f rows/s (%.1f s, %,d MB written) | plain JDBC read %,.0f rows/s"
                    + " | export/read ratio %.2f", written.get() / seconds, seconds, sink.bytes / 1_000_000,
                scanned.get() / scanSeconds, (written.get() / seconds) / (scanned.get() / scanSeconds)));
            report.accept("live heap after GC at each tenth (MB): " + heap + " (max heap "
                + Runtime.getRuntime().maxMemory() / 1_000_000 + " MB)");
        }
    }

    private long liveHeapMb() {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed() / 1_000_000;
    }

    /** Discards the bytes, counting them. */
    private static final class CountingSink extends OutputStream {
        private long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            bytes += length;
        }
    }
}
