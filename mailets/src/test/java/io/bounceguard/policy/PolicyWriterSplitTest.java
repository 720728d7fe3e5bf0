package io.bounceguard.policy;

import static io.bounceguard.policy.Events.day;
import static org.assertj.core.api.Assertions.assertThat;

import io.bounceguard.store.BounceStore;
import io.bounceguard.store.PendingEvent;
import io.bounceguard.store.StoreSettings;
import io.bounceguard.store.TestDatabases;
import io.bounceguard.store.TestDatabases.Backend;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A large batch is written over several connections at once, its addresses split between them, on both databases:
 * the result must be that of one transaction, and a part that fails must lose and double nothing.
 */
class PolicyWriterSplitTest {
    @TempDir
    Path workDir;

    private final MutableClock clock = new MutableClock(day(0));

    private StoreSettings settings(Backend backend, String spoolRetry) {
        Properties extra = new Properties();
        extra.setProperty(StoreSettings.WRITE_CONNECTIONS, "2");
        extra.setProperty(StoreSettings.SPOOL_RETRY_INTERVAL, spoolRetry);
        return TestDatabases.settings(backend, workDir, extra);
    }

    private static List<String> addresses(int count) {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            addresses.add("split" + i + "@mx" + (i % 7) + ".example");
        }
        return addresses;
    }

    private static List<PendingEvent> batch(Random random, List<String> addresses, int size, double fromDay) {
        List<PendingEvent> batch = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            double at = fromDay + random.nextDouble() * 10;
            batch.add(FoldResumeTest.randomEvent(random, addresses.get(random.nextInt(addresses.size())), day(at)));
        }
        return batch;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aLargeBatchIsWrittenInTwoTransactionsThatTogetherGiveTheFoldOfTheWholeLog(Backend backend) throws Exception {
        try (BounceStore store = BounceStore.open(settings(backend, "5s"))) {
            SuppressionPolicy policy = new SuppressionPolicy(FoldResumeTest.settings(3));
            PolicyWriter writer = new PolicyWriter(store, policy, clock);
            List<String> addresses = addresses(300);
            Random random = new Random(17);
            clock.set(day(12));
            writer.write(batch(random, addresses, 3_000, 0));
            clock.set(day(24));
            writer.write(batch(random, addresses, 3_000, 8));
            assertThat(TestDatabases.number(store, "SELECT COUNT(*) FROM bg_event")).isEqualTo(6_000);
            assertThat(writer.transactionsCommitted()).as("transactions").isEqualTo(4);
            if (backend == Backend.POSTGRESQL) {
                assertThat(TestDatabases.number(store, "SELECT COUNT(DISTINCT xmin::text) FROM bg_event")).as("transactions").isEqualTo(4);
            }
            assertThat(TestDatabases.number(store, "SELECT SUM(event_count) FROM bg_stat_daily WHERE dimension = 'source'")).isEqualTo(6_000);
            FoldResumeTest.assertMatchesWholeLogFold(store, policy, addresses, clock.instant());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void whenOnePartFailsTheBatchIsSpooledAndItsReplayLogsEachEventOnce(Backend backend) throws Exception {
        List<String> addresses = addresses(200);
        try (SuppressionSystem system = SuppressionSystem.open(settings(backend, "1h"), clock)) {
            BounceStore store = system.store();
            String poisoned = addresses.get(0);
            refuse(store, backend, poisoned);
            List<PendingEvent> events = batch(new Random(5), addresses, 2_000, 0);
            events.add(PendingEvent.of(Events.hard(poisoned, day(1))));
            clock.set(day(12));
            system.recorder().recordAll(events);
            long loggedByTheOtherPart = TestDatabases.number(store, "SELECT COUNT(*) FROM bg_event");
            assertThat(loggedByTheOtherPart).as("the part without the refused address committed").isPositive()
                    .isLessThan(events.size());
            assertThat(system.recorder().spooledEvents()).isEqualTo(events.size());

            store.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute(backend == Backend.POSTGRESQL ? "DROP TRIGGER bg_test_refuse ON bg_event"
                            : "DROP TRIGGER bg_test_refuse");
                }
                return null;
            });
            system.recorder().replaySpool();
            assertThat(system.recorder().spooledEvents()).isZero();
            assertThat(TestDatabases.number(store, "SELECT COUNT(*) FROM bg_event")).isEqualTo(events.size());
            assertThat(TestDatabases.number(store, "SELECT COUNT(DISTINCT event_uid) FROM bg_event")).isEqualTo(events.size());
            assertThat(TestDatabases.number(store, "SELECT SUM(event_count) FROM bg_stat_daily WHERE dimension = 'source'"))
                    .as("each event counted once").isEqualTo(events.size());
            assertThat(system.suppressionList().isSuppressed(poisoned, null)).isTrue();
            FoldResumeTest.assertMatchesWholeLogFold(store, system.policy(), addresses, clock.instant());
        }
    }

    /** A trigger that refuses the events of {@code address}: PL/pgSQL on PostgreSQL, a Java trigger on H2. */
    private static void refuse(BounceStore store, Backend backend, String address) throws Exception {
        RefuseAddressTrigger.refused = address;
        store.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                if (backend == Backend.POSTGRESQL) {
                    s.execute("CREATE FUNCTION bg_test_refuse() RETURNS trigger AS $$ BEGIN IF NEW.address_key = '"
                            + address + "' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$"
                            + " LANGUAGE plpgsql");
                    s.execute("CREATE TRIGGER bg_test_refuse BEFORE INSERT ON bg_event FOR EACH ROW"
                            + " EXECUTE FUNCTION bg_test_refuse()");
                } else {
                    s.execute("CREATE TRIGGER bg_test_refuse BEFORE INSERT ON bg_event FOR EACH ROW CALL '"
                            + RefuseAddressTrigger.class.getName() + "'");
                }
            }
            return null;
        });
    }

}
