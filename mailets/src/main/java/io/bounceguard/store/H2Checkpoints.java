package io.bounceguard.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes H2 commits durable on a thread of its own. H2 keeps a commit in memory until it stores a chunk;
 * {@code CHECKPOINT SYNC} stores everything committed and forces the file to disk. A caller asks for
 * durability after its commit and gets a future that completes when a checkpoint begun after that request has
 * finished, so the writer can run the next transaction while the previous one is being stored. Requests made
 * while a checkpoint runs share the next one.
 */
final class H2Checkpoints implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(H2Checkpoints.class);

    private final DataSource dataSource;
    private final Deque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
    private final Thread thread;
    private boolean running = true;
    private long checkpoints;

    H2Checkpoints(DataSource dataSource) {
        this.dataSource = dataSource;
        this.thread = new Thread(this::run, "bounce-guard-h2-checkpoint");
        thread.setDaemon(true);
        thread.start();
    }

    /** A future completed once everything committed before this call is on disk (exceptionally if that fails). */
    synchronized CompletableFuture<Void> request() {
        CompletableFuture<Void> durable = new CompletableFuture<>();
        if (!running) {
            durable.completeExceptionally(new SQLException("the H2 store is closed"));
            return durable;
        }
        waiting.add(durable);
        notifyAll();
        return durable;
    }

    /** Checkpoints run since start (each covers every request made before it began). */
    synchronized long checkpoints() {
        return checkpoints;
    }

    private void run() {
        while (true) {
            Deque<CompletableFuture<Void>> covered;
            synchronized (this) {
                while (running && waiting.isEmpty()) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        running = false;
                    }
                }
                if (waiting.isEmpty()) {
                    return;
                }
                covered = new ArrayDeque<>(waiting);
                waiting.clear();
            }
            try {
                checkpoint();
                synchronized (this) {
                    checkpoints++;
                }
                covered.forEach(f -> f.complete(null));
            } catch (SQLException | RuntimeException e) {
                LOGGER.error("H2 checkpoint failed; {} commits are not known to be on disk", covered.size(), e);
                covered.forEach(f -> f.completeExceptionally(e));
            }
        }
    }

    private void checkpoint() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT SYNC");
        }
    }

    /** Serves the requests already made, then stops the thread. */
    @Override
    public void close() {
        synchronized (this) {
            running = false;
            notifyAll();
        }
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
