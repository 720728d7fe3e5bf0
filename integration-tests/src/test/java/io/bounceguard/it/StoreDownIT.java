package io.bounceguard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.utils.DataProbeImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.bounceguard.store.EventSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Never lose mail: James runs the shipped pipeline on a real PostgreSQL, which the test then stops. Mail keeps
 * flowing within a bounded delay, the suppression lookups keep using the last snapshot, and the events recorded
 * meanwhile are spooled to local disk and reach the database once it is back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoreDownIT {
    private static final String SENDER = "news@james.local";
    private static final String DEAD = "dead@remote.test";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** How long a mail may take end to end while the database is down: store.write.timeout plus delivery. */
    private static final Duration BOUNDED_DELAY = Duration.ofSeconds(15);

    private static final SmtpSink SINK = new SmtpSink();
    private static final Properties STORE = new Properties();
    private static Path postgresData;
    private static int postgresPort;
    private static EmbeddedPostgres postgres;
    private static File workingDirectory;

    @RegisterExtension
    static JamesServerExtension james = ShippedJames.perClass(tmpDir -> {
        workingDirectory = tmpDir;
        startPostgres(tmpDir.toPath().resolve("pgdata"), 0);
        STORE.setProperty("store.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"));
        STORE.setProperty("store.jdbc.user", "postgres");
        STORE.setProperty("store.jdbc.password", "");
        STORE.setProperty("store.pool.connectionTimeout", "1s");
        STORE.setProperty("store.write.timeout", "2s");
        STORE.setProperty("store.snapshot.refreshInterval", "500ms");
        STORE.setProperty("store.spool.retryInterval", "1s");
        StringBuilder properties = new StringBuilder();
        STORE.forEach((key, value) -> properties.append(key).append('=').append(value).append('\n'));
        ShippedConf.copyInto(tmpDir.toPath()).relayTo(SINK.port()).write("bounce-guard.properties", properties.toString());
    });

    private int smtpPort;

    @BeforeAll
    void setUp(GuiceJamesServer server) throws Exception {
        smtpPort = server.getProbe(SmtpGuiceProbe.class).getSmtpPort().getValue();
        server.getProbe(DataProbeImpl.class).addUser(SENDER, "secret");
    }

    @AfterAll
    void tearDown() throws Exception {
        SINK.close();
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void withTheDatabaseUpABouncedAddressIsSuppressed() throws Exception {
        SmtpClient.send(smtpPort, "", List.of(SENDER),
            Messages.postfixDsn(SENDER, DEAD, "550 5.1.1 <" + DEAD + ">: Recipient address rejected: User unknown", "5.1.1"));
        try (StoreProbe store = StoreProbe.of(STORE, workingDirectory)) {
            await().atMost(PATIENCE).until(() -> store.isSuppressed(DEAD, null));
        }

        SmtpClient.send(smtpPort, SENDER, List.of(DEAD, "alive1@remote.test"), Messages.newsletter(SENDER, "Up"));
        await().atMost(PATIENCE).until(() -> SINK.deliveredRecipients().contains("alive1@remote.test"));
        try (StoreProbe store = StoreProbe.of(STORE, workingDirectory)) {
            await().atMost(PATIENCE).until(() -> !store.events(DEAD, EventSource.SUPPRESSED_AT_RELAY).isEmpty());
        }
    }

    @Test
    @Order(2)
    void withTheDatabaseDownMailFlowsSuppressionHoldsAndEventsAreSpooled() throws Exception {
        postgres.close();
        postgres = null;

        long start = System.nanoTime();
        SmtpClient.send(smtpPort, SENDER, List.of(DEAD, "alive2@remote.test"), Messages.newsletter(SENDER, "Down"));
        SmtpClient.send(smtpPort, "", List.of(SENDER), Messages.postfixDsn(SENDER, "gone@remote.test",
            "550 5.1.1 <gone@remote.test>: Recipient address rejected: User unknown", "5.1.1"));
        SmtpClient.send(smtpPort, SENDER, List.of("alive3@remote.test"), Messages.newsletter(SENDER, "Down again"));

        await().atMost(BOUNDED_DELAY).until(() -> SINK.deliveredRecipients().containsAll(List.of("alive2@remote.test", "alive3@remote.test")));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUNDED_DELAY);
        assertThat(SINK.deliveries()).noneMatch(d -> d.recipients().contains(DEAD));
        await().atMost(PATIENCE).until(() -> spooledFiles() > 0);
    }

    @Test
    @Order(3)
    void onceTheDatabaseIsBackTheSpooledEventsReachIt() throws Exception {
        startPostgres(postgresData, postgresPort);

        try (StoreProbe store = StoreProbe.of(STORE, workingDirectory)) {
            await().atMost(PATIENCE).ignoreExceptions().until(() -> !store.events("gone@remote.test", EventSource.INBOUND_DSN).isEmpty());
            await().atMost(PATIENCE).ignoreExceptions().until(() -> store.events(DEAD, EventSource.SUPPRESSED_AT_RELAY).size() >= 2);
        }
    }

    private static void startPostgres(Path dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false);
            if (port > 0) {
                builder.setPort(port);
            }
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
        postgresData = dataDirectory;
        postgresPort = postgres.getPort();
    }

    private static long spooledFiles() throws IOException {
        Path spool = workingDirectory.toPath().resolve("var/bounce-guard/spool");
        if (!Files.isDirectory(spool)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(spool)) {
            return files.filter(Files::isRegularFile).filter(f -> f.toFile().length() > 0).count();
        }
    }
}
