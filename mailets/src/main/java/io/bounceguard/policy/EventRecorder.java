package io.bounceguard.policy;

import io.bounceguard.store.BounceEvent;
import io.bounceguard.store.PendingEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records events for the mail pipeline. {@link #record} returns once the event is committed to the database and
 * durable (events from concurrent callers share one transaction: group commit; the next group is written while
 * the last one goes to disk) or, when the database fails, forced to the local spool. It never throws for a
 * database outage.
 */
public final class EventRecorder implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(EventRecorder.class);

    private record Request(PendingEvent event, CompletableFuture<Void> done) {
    }

    private final PolicyWriter writer;
    private final EventSpool spool;
    private final Runnable afterWrite;
    private final int maxBatch;
    private final int bulkBatch;
    private final Duration writeTimeout;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean databaseDown = new AtomicBoolean();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final Thread worker;
    /**
     * Runs what follows a commit that was durable at once (PostgreSQL: the snapshot refresh, releasing callers)
     * while the next batch is written.
     */
    private final ExecutorService afterCommit;
    private volatile boolean running = true;

    EventRecorder(PolicyWriter writer, EventSpool spool, Runnable afterWrite, int maxBatch, int bulkBatch,
            Duration writeTimeout) {
        this.writer = writer;
        this.spool = spool;
        this.afterWrite = afterWrite;
        this.maxBatch = maxBatch;
        this.bulkBatch = bulkBatch;
        this.writeTimeout = writeTimeout;
        this.worker = new Thread(this::drainQueue, "bounce-guard-recorder");
        worker.setDaemon(true);
        worker.start();
        this.afterCommit = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "bounce-guard-after-commit");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Stores the event and applies the policy; durable (in the database or the spool) on return. */
    public void record(BounceEvent e) {
        PendingEvent pending = PendingEvent.of(e);
        Request request = new Request(pending, new CompletableFuture<>());
        if (!running) {
            spoolFromCaller(List.of(pending));
            return;
        }
        queue.add(request);
        try {
            request.done().get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException ex) {
            if (databaseDown.compareAndSet(false, true)) {
                LOGGER.error("Bounce store not answering within {}; spooling events until it does", writeTimeout);
            }
            LOGGER.warn("Event for {} not confirmed by the writer ({}); spooling it here", e.recipient(), ex.toString());
            spoolFromCaller(List.of(pending));
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            spoolFromCaller(List.of(pending));
        }
    }

    /**
     * Stores many events in batches of the bulk size and returns once all are durable; spools any batch the
     * database refuses. A transaction's fixed costs (counter rows, the commit's page writes on H2) are shared by more
     * events than in the group commit of {@link #record}, whose batches are bounded by the callers waiting. Each
     * batch is written while the one before it is made durable ({@link PolicyWriter#writeCommitted}).
     */
    public void recordAll(List<PendingEvent> events) {
        Deque<CompletableFuture<Boolean>> inFlight = new ArrayDeque<>();
        for (int from = 0; from < events.size(); from += bulkBatch) {
            if (inFlight.size() >= MAX_BATCHES_IN_FLIGHT) {
                inFlight.removeFirst().join();
            }
            inFlight.add(writeOrSpool(events.subList(from, Math.min(events.size(), from + bulkBatch))));
        }
        inFlight.forEach(CompletableFuture::join);
    }

    /** Committed batches that may wait for the disk at one time, beside the one being written. */
    private static final int MAX_BATCHES_IN_FLIGHT = 4;

    private void drainQueue() {
        List<Request> batch = new ArrayList<>(maxBatch);
        Deque<CompletableFuture<Boolean>> inFlight = new ArrayDeque<>();
        while (running || !queue.isEmpty()) {
            try {
                Request first = queue.poll(200, TimeUnit.MILLISECONDS);
                inFlight.removeIf(CompletableFuture::isDone);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                if (!inFlight.isEmpty() && queue.size() + 1 < maxBatch) {
                    // Callers arriving while the last batch goes to disk join this one: a batch per arrival would
                    // split the group and give each checkpoint fewer events.
                    awaitQuietly(inFlight.getLast());
                }
                queue.drainTo(batch, maxBatch - 1);
                if (inFlight.size() >= MAX_BATCHES_IN_FLIGHT) {
                    awaitQuietly(inFlight.removeFirst());
                }
                List<Request> requests = List.copyOf(batch);
                CompletableFuture<Boolean> stored = writeOrSpool(requests.stream().map(Request::event).toList());
                inFlight.add(stored.whenComplete((ok, failure) -> {
                    if (Boolean.TRUE.equals(ok)) {
                        requests.forEach(r -> r.done().complete(null));
                    } else {
                        Throwable cause = failure != null ? failure : new IllegalStateException("neither stored nor spooled");
                        requests.forEach(r -> r.done().completeExceptionally(cause));
                    }
                }));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOGGER.error("Unexpected failure in the event writer", e);
                batch.forEach(r -> r.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
        inFlight.forEach(EventRecorder::awaitQuietly);
    }

    /** Waits for a batch's outcome; its callers have been told of any failure already. */
    private static void awaitQuietly(CompletableFuture<Boolean> stored) {
        stored.exceptionally(failure -> false).join();
    }

    /**
     * Commits a batch to the database, or spools it when the database is down or fails. The future tells, once the
     * commit is durable (or the batch spooled), whether the events are kept; a commit that cannot be confirmed on disk
     * is spooled as well (replays skip events already logged).
     */
    private CompletableFuture<Boolean> writeOrSpool(List<PendingEvent> events) {
        if (!databaseDown.get()) {
            try {
                CompletableFuture<Integer> committed = writer.writeCommitted(events, false);
                // Already durable (PostgreSQL): follow up on a thread of its own while the writer goes on. Otherwise
                // (H2) on the checkpoint thread, which then coalesces the batches committed meanwhile into one store.
                Executor followUp = committed.isDone() ? afterCommit : Runnable::run;
                return committed.handleAsync((changes, failure) -> {
                    if (failure == null) {
                        stored.addAndGet(events.size());
                        if (changes > 0) {
                            afterWrite.run();
                        }
                        return true;
                    }
                    noteWriteFailure(failure);
                    return spoolFromCaller(events);
                }, followUp);
            } catch (Exception e) {
                noteWriteFailure(e);
            }
        }
        return CompletableFuture.completedFuture(spoolFromCaller(events));
    }

    private void noteWriteFailure(Throwable failure) {
        writeFailures.incrementAndGet();
        if (databaseDown.compareAndSet(false, true)) {
            LOGGER.error("Bounce store unreachable; spooling events until it returns: {}", failure.toString());
        }
    }

    private boolean spoolFromCaller(List<PendingEvent> events) {
        try {
            spool.append(events);
            return true;
        } catch (IOException e) {
            lost.addAndGet(events.size());
            LOGGER.error("LOST {} bounce events: neither the database nor the spool took them", events.size(), e);
            return false;
        }
    }

    /**
     * Replays the spool into the database and clears the down flag when it succeeds. Called periodically.
     * While the database is down only a connection probe is made, so live writes never queue behind a replay.
     */
    void replaySpool() {
        if (spool.pendingCount() == 0 && !databaseDown.get()) {
            return;
        }
        if (databaseDown.get() && !writer.databaseReachable()) {
            return;
        }
        try {
            long replayed = spool.replay(batch -> {
                int changes = writer.writeReplay(batch);
                stored.addAndGet(batch.size());
                if (changes > 0) {
                    afterWrite.run();
                }
            }, bulkBatch, writer::databaseReachable);
            if (databaseDown.compareAndSet(true, false)) {
                LOGGER.info("Bounce store reachable again; replayed {} spooled events", replayed);
            }
        } catch (Exception e) {
            databaseDown.set(true);
            LOGGER.debug("Spool replay deferred: {}", e.toString());
        }
    }

    /** Marks the database down (a start while it is unreachable): events go to the spool until a replay succeeds. */
    void markDatabaseDown() {
        databaseDown.set(true);
    }

    public boolean databaseDown() {
        return databaseDown.get();
    }

    public long spooledEvents() {
        return spool.pendingCount();
    }

    public long storedEvents() {
        return stored.get();
    }

    public long writeFailures() {
        return writeFailures.get();
    }

    public long lostEvents() {
        return lost.get();
    }

    public long rejectedEvents() {
        return spool.rejectedCount();
    }

    /** Finishes the queued writes and stops the writer thread. */
    @Override
    public void close() {
        running = false;
        try {
            worker.join(writeTimeout.toMillis() + 5_000);
            afterCommit.shutdown();
            afterCommit.awaitTermination(writeTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
