package io.bounceguard.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bounceguard.store.BounceEvent;
import io.bounceguard.store.EventSource;
import io.bounceguard.store.PendingEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable local spool for events the database could not take: JSON lines appended and forced to disk
 * before {@link #append} returns, replayed into the store (idempotently, by event uid) when it is back.
 */
public final class EventSpool {
    private static final Logger LOGGER = LoggerFactory.getLogger(EventSpool.class);
    private static final String SUFFIX = ".jsonl";

    /** Takes one batch of replayed events into the store; throws when it cannot. */
    @FunctionalInterface
    public interface BatchSink {
        void write(List<PendingEvent> batch) throws Exception;
    }

    private final Path directory;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private FileChannel current;
    private Path currentPath;
    private long segment;

    public EventSpool(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
            for (Path file : segments()) {
                pending.addAndGet(readSegment(file).size());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the event spool directory " + directory, e);
        }
    }

    /** Appends the events and forces them to disk. */
    public synchronized void append(List<PendingEvent> events) throws IOException {
        if (current == null) {
            currentPath = directory.resolve("events-" + System.currentTimeMillis() + "-" + (segment++) + SUFFIX);
            current = FileChannel.open(currentPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
        StringBuilder lines = new StringBuilder();
        for (PendingEvent event : events) {
            lines.append(json.writeValueAsString(toMap(event))).append('\n');
        }
        ByteBuffer buffer = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            current.write(buffer);
        }
        current.force(false);
        pending.addAndGet(events.size());
    }

    /** Events waiting in the spool. */
    public long pendingCount() {
        return pending.get();
    }

    /**
     * Replays every spooled segment into {@code sink} in batches of {@code batchSize}, deleting each segment
     * once all its events are stored. A batch the sink refuses is retried event by event; an event refused on
     * its own while {@code databaseReachable} says the database is up cannot be stored at all, so it is moved
     * to a {@code rejected-*.jsonl} file beside the spool (kept, logged, counted) instead of blocking the
     * spool for ever. Any other failure stops the replay and is rethrown; returns the events stored.
     */
    public long replay(BatchSink sink, int batchSize, BooleanSupplier databaseReachable) throws Exception {
        List<Path> files;
        synchronized (this) {
            closeCurrent();
            files = segments();
        }
        long replayed = 0;
        for (Path file : files) {
            List<PendingEvent> events = readSegment(file);
            List<PendingEvent> refused = new ArrayList<>();
            for (int from = 0; from < events.size(); from += batchSize) {
                List<PendingEvent> batch = events.subList(from, Math.min(events.size(), from + batchSize));
                try {
                    sink.write(batch);
                } catch (Exception batchFailure) {
                    if (!databaseReachable.getAsBoolean()) {
                        throw batchFailure;
                    }
                    for (PendingEvent event : batch) {
                        try {
                            sink.write(List.of(event));
                        } catch (Exception eventFailure) {
                            if (!databaseReachable.getAsBoolean()) {
                                throw eventFailure;
                            }
                            LOGGER.error("Bounce event {} for {} cannot be stored ({}); kept in the rejected spool file",
                                    event.uid(), event.event().recipient(), eventFailure.toString());
                            refused.add(event);
                        }
                    }
                }
            }
            if (!refused.isEmpty()) {
                writeRejected(refused);
            }
            Files.delete(file);
            pending.addAndGet(-events.size());
            replayed += events.size() - refused.size();
        }
        return replayed;
    }

    /** Events that could not be stored although the database was up; they stay in rejected files for ops. */
    public long rejectedCount() {
        return rejected.get();
    }

    private void writeRejected(List<PendingEvent> events) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (PendingEvent event : events) {
            lines.append(json.writeValueAsString(toMap(event))).append('\n');
        }
        Path file = directory.resolve("rejected-" + System.currentTimeMillis() + "-" + (segment++) + ".jsonl.rejected");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        }
        rejected.addAndGet(events.size());
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            current.close();
            current = null;
            currentPath = null;
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).filter(f -> !f.equals(currentPath))
                    .sorted().toList();
        }
    }

    private List<PendingEvent> readSegment(Path file) throws IOException {
        List<PendingEvent> events = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    events.add(fromMap(json.readValue(line, Map.class)));
                } catch (IOException | RuntimeException e) {
                    LOGGER.warn("Skipping unreadable line {} of spool file {} (torn write?): {}", number, file, e.getMessage());
                }
            }
        }
        return events;
    }

    private static Map<String, Object> toMap(PendingEvent pending) {
        BounceEvent e = pending.event();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("uid", pending.uid());
        map.put("requestedUntil", pending.requestedUntil() == null ? null : pending.requestedUntil().toString());
        map.put("time", e.time().toString());
        map.put("recipient", e.recipient());
        map.put("originalSender", e.originalSender());
        map.put("scope", e.scope());
        map.put("source", e.source().name());
        map.put("kind", e.kind());
        map.put("action", e.action());
        map.put("status", e.status());
        map.put("replyCode", e.replyCode());
        map.put("reason", e.reason());
        map.put("bounceType", e.bounceType());
        map.put("diagnostic", e.diagnostic());
        map.put("remoteMta", e.remoteMta());
        map.put("reportingMta", e.reportingMta());
        map.put("messageId", e.messageId());
        map.put("verified", e.verified());
        map.put("feedbackType", e.feedbackType());
        return map;
    }

    private static PendingEvent fromMap(Map<?, ?> map) {
        Object replyCode = map.get("replyCode");
        BounceEvent event = BounceEvent.builder()
                .time(Instant.parse((String) map.get("time")))
                .recipient((String) map.get("recipient"))
                .originalSender((String) map.get("originalSender"))
                .scope((String) map.get("scope"))
                .source(EventSource.valueOf((String) map.get("source")))
                .kind((String) map.get("kind"))
                .action((String) map.get("action"))
                .status((String) map.get("status"))
                .replyCode(replyCode == null ? null : ((Number) replyCode).intValue())
                .reason((String) map.get("reason"))
                .bounceType((String) map.get("bounceType"))
                .diagnostic((String) map.get("diagnostic"))
                .remoteMta((String) map.get("remoteMta"))
                .reportingMta((String) map.get("reportingMta"))
                .messageId((String) map.get("messageId"))
                .verified(Boolean.TRUE.equals(map.get("verified")))
                .feedbackType((String) map.get("feedbackType"))
                .build();
        String until = (String) map.get("requestedUntil");
        return new PendingEvent((String) map.get("uid"), event, until == null ? null : Instant.parse(until));
    }
}
