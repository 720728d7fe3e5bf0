package io.bounceguard.store;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Store settings read from {@code conf/bounce-guard.properties} (keys {@code store.*} and {@code address.*});
 * the {@code policy.*} keys are kept for the policy to read. Missing keys take defaults: an H2 file database
 * under {@code <workdir>/var/bounce-guard/}, a pool of 4 connections.
 */
public final class StoreSettings {
    public static final String JDBC_URL = "store.jdbc.url";
    public static final String JDBC_USER = "store.jdbc.user";
    public static final String JDBC_PASSWORD = "store.jdbc.password";
    public static final String POOL_SIZE = "store.pool.size";
    public static final String CONNECTION_TIMEOUT = "store.pool.connectionTimeout";
    public static final String SPOOL_DIRECTORY = "store.spool.directory";
    public static final String SPOOL_RETRY_INTERVAL = "store.spool.retryInterval";
    public static final String WRITE_MAX_BATCH = "store.write.maxBatch";
    public static final String WRITE_BULK_BATCH = "store.write.bulkBatch";
    public static final String WRITE_TIMEOUT = "store.write.timeout";
    /**
     * Over how many connections at once one large batch is written (its addresses split between them), so that the
     * database works on several parts at once (PostgreSQL's server processes, H2's threads in this JVM); 1 = one
     * transaction.
     */
    public static final String WRITE_CONNECTIONS = "store.write.connections";
    public static final String SNAPSHOT_REFRESH_INTERVAL = "store.snapshot.refreshInterval";
    public static final String SNAPSHOT_PERSIST_INTERVAL = "store.snapshot.persistInterval";
    public static final String SNAPSHOT_LISTEN = "store.snapshot.listen";
    public static final String H2_PAGE_BUFFER_MB = "store.h2.pageBufferMb";
    /** H2 only: the page memory (bytes) past which H2 splits a page when a row is added; 0 = H2's own 16 KB. */
    public static final String H2_MAX_PAGE_SIZE = "store.h2.maxPageSize";
    /** The smallest {@link #H2_MAX_PAGE_SIZE} taken: at 1 KB writes ran at half the speed of 4 KB (deeper trees). */
    static final int MIN_H2_MAX_PAGE_SIZE = 2048;
    public static final String FOLD_LOCAL_PART = "address.localPart.caseFold";

    private final Properties properties;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final int poolSize;
    private final Duration connectionTimeout;
    private final Path spoolDirectory;
    private final Duration spoolRetryInterval;
    private final int writeMaxBatch;
    private final int writeBulkBatch;
    private final int writeConnections;
    private final Duration writeTimeout;
    private final Duration snapshotRefreshInterval;
    private final Duration snapshotPersistInterval;
    private final boolean snapshotListen;
    private final boolean foldLocalPart;
    private final int h2PageBufferMb;
    private final int h2MaxPageSize;

    private StoreSettings(Properties source, Path workingDirectory) {
        this.properties = new Properties();
        source.forEach((k, v) -> properties.setProperty(String.valueOf(k).trim(), String.valueOf(v).trim()));
        Path dataDirectory = workingDirectory.resolve("var").resolve("bounce-guard").toAbsolutePath();
        this.jdbcUrl = text(JDBC_URL).orElse("jdbc:h2:file:" + dataDirectory.resolve("bounce-guard")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=64");
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("setting " + JDBC_URL + ": '" + jdbcUrl
                    + "' is neither an H2 (jdbc:h2:...) nor a PostgreSQL (jdbc:postgresql:...) URL");
        }
        this.user = text(JDBC_USER).orElse(jdbcUrl.startsWith("jdbc:h2:") ? "sa" : null);
        this.password = text(JDBC_PASSWORD).orElse(jdbcUrl.startsWith("jdbc:h2:") ? "" : null);
        this.poolSize = positiveInt(POOL_SIZE, 4);
        this.connectionTimeout = duration(CONNECTION_TIMEOUT, Duration.ofSeconds(5));
        this.spoolDirectory = text(SPOOL_DIRECTORY).map(p -> workingDirectory.resolve(p).toAbsolutePath())
                .orElse(dataDirectory.resolve("spool"));
        this.spoolRetryInterval = duration(SPOOL_RETRY_INTERVAL, Duration.ofSeconds(5));
        this.writeMaxBatch = positiveInt(WRITE_MAX_BATCH, 500);
        this.writeBulkBatch = positiveInt(WRITE_BULK_BATCH, 5_000);
        this.writeConnections = intAtLeast(WRITE_CONNECTIONS, Math.max(1, Math.min(2, poolSize - 1)), 1, "a whole number of connections");
        if (writeConnections >= poolSize && poolSize > 1) {
            throw new IllegalArgumentException("setting " + WRITE_CONNECTIONS + " (" + writeConnections + ") must be below "
                    + POOL_SIZE + " (" + poolSize + "): the snapshot refresh and the ops routes need a connection too");
        }
        this.writeTimeout = duration(WRITE_TIMEOUT, Duration.ofSeconds(3));
        this.snapshotRefreshInterval = duration(SNAPSHOT_REFRESH_INTERVAL, Duration.ofSeconds(2));
        this.snapshotPersistInterval = duration(SNAPSHOT_PERSIST_INTERVAL, Duration.ofMinutes(5));
        this.snapshotListen = bool(SNAPSHOT_LISTEN, true);
        this.foldLocalPart = bool(FOLD_LOCAL_PART, true);
        this.h2PageBufferMb = intAtLeast(H2_PAGE_BUFFER_MB, defaultH2PageBufferMb(Runtime.getRuntime().maxMemory()), 0,
                "a whole number of megabytes (0 = H2's own)");
        this.h2MaxPageSize = intAtLeast(H2_MAX_PAGE_SIZE, 4096, 0, "a whole number of bytes (0 = H2's own)");
        if (h2MaxPageSize != 0 && h2MaxPageSize < MIN_H2_MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("setting " + H2_MAX_PAGE_SIZE + ": " + h2MaxPageSize + " is below "
                    + MIN_H2_MAX_PAGE_SIZE + " bytes (0 = H2's own 16 KB)");
        }
    }

    /** Settings from {@code p}; throws {@link IllegalArgumentException} naming any bad value. */
    public static StoreSettings fromProperties(Properties p, Path jamesWorkingDirectory) {
        return new StoreSettings(p, jamesWorkingDirectory);
    }

    /**
     * Settings from a properties file read as UTF-8 (e.g. {@code conf/bounce-guard.properties}); a missing file
     * means defaults. Throws {@link UncheckedIOException} if the file exists but cannot be read.
     */
    public static StoreSettings load(Path propertiesFile, Path jamesWorkingDirectory) {
        Properties properties = new Properties();
        if (Files.exists(propertiesFile)) {
            try (Reader reader = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + propertiesFile, e);
            }
        }
        return new StoreSettings(properties, jamesWorkingDirectory);
    }

    public static StoreSettings defaults(Path jamesWorkingDirectory) {
        return new StoreSettings(new Properties(), jamesWorkingDirectory);
    }

    /** A trimmed, non-empty setting value. */
    public Optional<String> text(String key) {
        String value = properties.getProperty(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public int positiveInt(String key, int defaultValue) {
        return intAtLeast(key, defaultValue, 1, "a positive integer");
    }

    private int intAtLeast(String key, int defaultValue, int minimum, String expected) {
        Optional<String> value = text(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed >= minimum) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("setting " + key + ": '" + value.get() + "' is not " + expected);
    }

    public boolean bool(String key, boolean defaultValue) {
        Optional<String> value = text(key).map(v -> v.toLowerCase(Locale.ROOT));
        if (value.isEmpty()) {
            return defaultValue;
        }
        if (value.get().equals("true") || value.get().equals("false")) {
            return Boolean.parseBoolean(value.get());
        }
        throw new IllegalArgumentException("setting " + key + ": '" + value.get() + "' is neither true nor false");
    }

    public Duration duration(String key, Duration defaultValue) {
        return text(key).map(v -> DurationParser.parse(key, v)).orElse(defaultValue);
    }

    public String jdbcUrl() { return jdbcUrl; }
    public String user() { return user; }
    public String password() { return password; }
    public int poolSize() { return poolSize; }
    public Duration connectionTimeout() { return connectionTimeout; }
    public Path spoolDirectory() { return spoolDirectory; }
    public Duration spoolRetryInterval() { return spoolRetryInterval; }
    public int writeMaxBatch() { return writeMaxBatch; }
    /** Events per transaction on the bulk paths (spool replay, imports, {@code recordAll}). */
    public int writeBulkBatch() { return writeBulkBatch; }
    public Duration writeTimeout() { return writeTimeout; }
    /** Connections one large batch is written over (see {@link #WRITE_CONNECTIONS}). */
    public int writeConnections() { return writeConnections; }
    /** How often at most the lookup snapshot is written to the spool directory (0 = never). */
    public Duration snapshotPersistInterval() {
        return snapshotPersistInterval;
    }

    public Duration snapshotRefreshInterval() { return snapshotRefreshInterval; }
    public boolean snapshotListen() { return snapshotListen; }
    public boolean foldLocalPart() { return foldLocalPart; }
    /**
     * The page buffer when none is set: a quarter of the heap, at most 128 MB (one bulk transaction of 5,000 events
     * needs about that to be stored once). A larger share made a bulk fill run out of a 256 MB heap.
     */
    static int defaultH2PageBufferMb(long maxHeapBytes) {
        return (int) Math.min(128, maxHeapBytes / 4 / (1 << 20));
    }

    /** H2 only: the changed page memory (MB) H2 may hold before it stores on its own; 0 leaves H2's default. */
    public int h2PageBufferMb() { return h2PageBufferMb; }

    /** H2 only: the page memory in bytes past which H2 splits a page on insert; 0 leaves H2's 16 KB. */
    public int h2MaxPageSize() { return h2MaxPageSize; }

    public SqlDialect dialect() {
        return jdbcUrl.startsWith("jdbc:postgresql:") ? SqlDialect.POSTGRESQL : SqlDialect.H2;
    }

    @Override
    public String toString() {
        return "StoreSettings[url=" + jdbcUrl + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
