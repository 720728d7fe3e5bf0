package io.bounceguard.policy;

import static io.bounceguard.policy.Events.day;
import static org.assertj.core.api.Assertions.assertThat;

import io.bounceguard.store.AddressState;
import io.bounceguard.store.AddressStatus;
import io.bounceguard.store.BounceEvent;
import io.bounceguard.store.BounceStore;
import io.bounceguard.store.EventSource;
import io.bounceguard.store.HistoryEvent;
import io.bounceguard.store.PendingEvent;
import io.bounceguard.store.SuppressionEntry;
import io.bounceguard.store.SuppressionTables;
import io.bounceguard.store.SuppressionTables.StatusRow;
import io.bounceguard.store.TestDatabases;
import io.bounceguard.store.TestDatabases.Backend;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The writer folds new events on from the state saved in each status row; whatever the order the events come
 * in, the statuses, entries and saved states must be exactly those of a fold of each address's whole log.
 */
class FoldResumeTest {
    private static final String[] SOFT_REASONS = {"mailboxfull", "systemfull", "suspend", "expired"};
    private static final String[] SCOPES = {"shop.example", "news.example", null};

    @TempDir
    Path workDir;

    private final MutableClock clock = new MutableClock(day(0));

    static PolicySettings settings(int softThreshold) {
        PolicySettings d = PolicySettings.defaults();
        return new PolicySettings(softThreshold, Duration.ofDays(6), Duration.ofDays(9), d.softReasons(), true, true,
                Duration.ofDays(20), null, d.ignoredFeedbackTypes(), PolicySettings.ScopeMode.BOTH, false);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void eventsInAnyOrderAndBatchingGiveWhatAFoldOfTheWholeLogGives(Backend backend) throws Exception {
        try (BounceStore store = BounceStore.open(TestDatabases.settings(backend, workDir, new Properties()))) {
            SuppressionPolicy policy = new SuppressionPolicy(settings(3));
            PolicyWriter writer = new PolicyWriter(store, policy, clock);
            Random random = new Random(11);
            List<String> addresses = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                addresses.add("user" + i + "@Mail" + (i % 4) + ".example");
            }
            int written = 0;
            double day = 0;
            while (written < 1_500) {
                List<PendingEvent> batch = new ArrayList<>();
                int size = 1 + random.nextInt(40);
                for (int i = 0; i < size; i++) {
                    day += random.nextDouble() * 0.05;
                    double at = random.nextInt(8) == 0 ? day - random.nextDouble() * 15 : day;
                    batch.add(randomEvent(random, addresses.get(random.nextInt(addresses.size())), day(at)));
                }
                clock.set(day(day + 0.1));
                writer.write(batch);
                written += size;
            }
            long refoldedWhileWriting = writer.addressesRefolded();
            assertThat(refoldedWhileWriting).as("late events folded the whole history again").isPositive();
            assertThat(refoldedWhileWriting).as("most addresses folded on from their saved state").isLessThan(written / 4);

            clock.set(day(day + 12));
            touchAll(writer, addresses, day(day + 12));
            assertMatchesWholeLogFold(store, policy, addresses, clock.instant());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void newSettingsOrRowsWithoutAFoldStateAreFoldedAgainFromTheLog(Backend backend) throws Exception {
        try (BounceStore store = BounceStore.open(TestDatabases.settings(backend, workDir, new Properties()))) {
            List<String> addresses = List.of("a@example.net", "b@example.net");
            PolicyWriter before = new PolicyWriter(store, new SuppressionPolicy(settings(3)), clock);
            for (int i = 0; i < 2; i++) {
                clock.set(day(i));
                before.write(List.of(PendingEvent.of(Events.soft("a@example.net", day(i), "mailboxfull")),
                        PendingEvent.of(Events.soft("b@example.net", day(i), "mailboxfull"))));
            }
            SuppressionPolicy stricter = new SuppressionPolicy(settings(2));
            PolicyWriter after = new PolicyWriter(store, stricter, clock);
            clock.set(day(2));
            after.write(List.of(PendingEvent.of(Events.delivered("a@example.net", day(2)).toBuilder()
                    .source(EventSource.AUTOREPLY).build())));
            assertThat(after.addressesRefolded()).as("state saved under other settings").isEqualTo(1);
            assertMatchesWholeLogFold(store, stricter, List.of("a@example.net"), clock.instant());
            assertThat(store.statuses("a@example.net").get(0).state()).isEqualTo(AddressState.SUPPRESSED);

            store.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("UPDATE bg_address_status SET fold = NULL WHERE address_key = 'b@example.net'");
                }
            });
            PolicyWriter upgraded = new PolicyWriter(store, stricter, clock);
            upgraded.write(List.of(PendingEvent.of(Events.soft("b@example.net", day(2), "mailboxfull"))));
            assertThat(upgraded.addressesRefolded()).as("a row from before the fold was kept").isEqualTo(1);
            upgraded.write(List.of(PendingEvent.of(Events.soft("b@example.net", day(3), "mailboxfull"))));
            assertThat(upgraded.addressesRefolded()).as("its state is kept from then on").isEqualTo(1);
            assertMatchesWholeLogFold(store, stricter, addresses, clock.instant());
        }
    }

    @Test
    void aFoldStateReadsBackWithItsStatusAndADamagedOrForeignOneReadsAsNone() {
        SuppressionEntry entry = new SuppressionEntry("k", "shop.example", io.bounceguard.store.SuppressionOrigin.BOUNCE,
                "mailboxfull", SuppressionPolicy.RULE_SOFT, day(1), day(31), 7L);
        FoldState state = new FoldState("f", day(1), 7, 1, 2, 0, 0, 1, SuppressionPolicy.RULE_SOFT, List.of(5L, 7L), entry,
                List.of(new FoldState.Mark(day(0.5), 5), new FoldState.Mark(day(1), 7)));
        AddressStatus status = new AddressStatus("k", "shop.example", AddressState.SUPPRESSED, "mailboxfull",
                SuppressionPolicy.RULE_SOFT, day(1), day(31), 1, 2, 0, 0, 1, day(1));
        assertThat(FoldCodec.read(FoldCodec.write(state), status)).contains(state);
        assertThat(FoldCodec.read("{\"v\":2,\"s\":\"f\"}", status)).isEmpty();
        assertThat(FoldCodec.read(FoldCodec.write(state).replace("\"v\":2", "\"v\":1"), status)).isEmpty();
        assertThat(FoldCodec.read("not json", status)).isEmpty();
        AddressStatus damaged = new AddressStatus("k", "shop.example", AddressState.SUPPRESSED, "mailboxfull",
                SuppressionPolicy.RULE_SOFT, null, day(31), 1, 2, 0, 0, 1, day(1));
        assertThat(FoldCodec.read(FoldCodec.write(state), damaged)).isEmpty();
    }

    static PendingEvent randomEvent(Random random, String address, Instant time) {
        String scope = SCOPES[random.nextInt(SCOPES.length)];
        BounceEvent.Builder event;
        int kind = random.nextInt(100);
        if (kind < 12) {
            event = Events.hard(address, time).toBuilder();
        } else if (kind < 62) {
            event = Events.soft(address, time, SOFT_REASONS[random.nextInt(SOFT_REASONS.length)]).toBuilder();
        } else if (kind < 67) {
            event = Events.complaint(address, time, random.nextBoolean() ? "abuse" : "not-spam").toBuilder();
        } else if (kind < 80) {
            event = Events.delivered(address, time).toBuilder();
        } else if (kind < 85) {
            event = Events.soft(address, time, "blocked").toBuilder();
        } else if (kind < 88) {
            boolean suppress = random.nextBoolean();
            BounceEvent manual = Events.manual(address, time, scope, suppress ? "suppress" : "remove");
            return suppress && random.nextBoolean() ? PendingEvent.withExpiry(manual, time.plus(Duration.ofDays(4)))
                    : PendingEvent.of(manual);
        } else if (kind < 94) {
            event = Events.delivered(address, time).toBuilder().source(EventSource.AUTOREPLY);
        } else {
            event = Events.hard(address, time).toBuilder().verified(false);
        }
        return PendingEvent.of(event.scope(scope).build());
    }

    /** An auto-reply for every address: folds nothing, so each status is evaluated again as of the same time. */
    private static void touchAll(PolicyWriter writer, List<String> addresses, Instant time) throws Exception {
        List<PendingEvent> batch = new ArrayList<>();
        for (String address : addresses) {
            batch.add(PendingEvent.of(Events.delivered(address, time).toBuilder().source(EventSource.AUTOREPLY).build()));
        }
        writer.write(batch);
    }

    static void assertMatchesWholeLogFold(BounceStore store, SuppressionPolicy policy, List<String> addresses,
            Instant now) throws Exception {
        Set<String> keys = new TreeSet<>();
        addresses.forEach(a -> keys.add(store.eventLog().keyOf(Events.hard(a, now)).orElseThrow().key()));
        SuppressionTables tables = store.suppressionTables();
        Map<String, List<HistoryEvent>> history = new HashMap<>();
        store.inTransaction(c -> store.eventLog().history(c, keys))
                .forEach(h -> history.computeIfAbsent(h.addressKey(), k -> new ArrayList<>()).add(h));
        Map<String, StatusRow> rows = store.inTransaction(c -> tables.statusRows(c, keys));
        Map<String, SuppressionEntry> entries = store.inTransaction(c -> tables.entries(c, keys));
        int expectedRows = 0;
        for (String key : keys) {
            List<HistoryEvent> events = history.getOrDefault(key, List.of());
            for (String scope : policy.targets(events)) {
                expectedRows++;
                PolicyOutcome whole = policy.evaluate(key, scope, events, now);
                String slot = SuppressionTables.slot(key, scope);
                StatusRow row = rows.get(slot);
                assertThat(row).as("status row of %s in '%s'", key, scope).isNotNull();
                assertThat(row.status()).as("status of %s in '%s'", key, scope).isEqualTo(whole.status());
                assertThat(FoldCodec.read(row.fold(), row.status())).as("fold state of %s in '%s'", key, scope)
                        .contains(whole.fold());
                assertThat(entries.get(slot)).as("entry of %s in '%s'", key, scope).isEqualTo(whole.entry());
            }
        }
        assertThat(rows).hasSize(expectedRows);
        assertThat(entries.keySet()).allSatisfy(slot -> assertThat(rows).containsKey(slot));
        assertThat(entries).as("the events suppressed some addresses").isNotEmpty();
    }
}
