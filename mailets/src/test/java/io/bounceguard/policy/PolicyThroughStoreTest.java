package io.bounceguard.policy;

import static io.bounceguard.policy.Events.day;
import static org.assertj.core.api.Assertions.assertThat;

import io.bounceguard.store.AddressState;
import io.bounceguard.store.AddressStatus;
import io.bounceguard.store.BounceEvent;
import io.bounceguard.store.EventQuery;
import io.bounceguard.store.PendingEvent;
import io.bounceguard.store.StoreSettings;
import io.bounceguard.store.TestDatabases;
import io.bounceguard.store.TestDatabases.Backend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The policy end to end: events recorded into real H2 and PostgreSQL, decisions read from the relay lookup. */
class PolicyThroughStoreTest {
    @TempDir
    Path workDir;

    private final MutableClock clock = new MutableClock(day(0));

    private SuppressionSystem open(Backend backend, Properties extra) {
        StoreSettings settings = TestDatabases.settings(backend, workDir, extra);
        return SuppressionSystem.open(settings, clock);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void softBouncesSuppressAtTheThresholdAndTheSuppressionExpires(Backend backend) {
        try (SuppressionSystem system = open(backend, new Properties())) {
            SuppressionList list = system.suppressionList();
            for (int i = 0; i < 4; i++) {
                clock.set(day(i * 3));
                system.recorder().record(Events.soft("full@example.jp", clock.instant(), "mailboxfull"));
            }
            assertThat(list.isSuppressed("full@example.jp", null)).isFalse();
            clock.set(day(12));
            system.recorder().record(Events.soft("full@example.jp", clock.instant(), "mailboxfull"));
            assertThat(list.isSuppressed("full@example.jp", null)).isTrue();
            AddressStatus status = system.store().statuses("full@example.jp").get(0);
            assertThat(status.state()).isEqualTo(AddressState.SUPPRESSED);
            assertThat(status.softCount()).isEqualTo(5);
            assertThat(status.until()).isEqualTo(day(42));
            Explanation why = system.admin().explain("full@example.jp", null);
            assertThat(why.rule()).isEqualTo(SuppressionPolicy.RULE_SOFT);
            assertThat(why.evidence()).hasSize(5).allSatisfy(e -> assertThat(e.reason()).isEqualTo("mailboxfull"));

            clock.set(day(42).plusSeconds(1));
            assertThat(list.isSuppressed("full@example.jp", null)).as("soft suppression always expires").isFalse();
            assertThat(system.admin().explain("full@example.jp", null).state()).isEqualTo(AddressState.EXPIRED);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void unverifiedReportsAreStoredAndCountedButDoNotSuppressByDefault(Backend backend) {
        try (SuppressionSystem system = open(backend, new Properties())) {
            clock.set(day(1));
            BounceEvent forged = Events.hard("forged@example.jp", day(1)).toBuilder().verified(false).build();
            system.recorder().record(forged);
            system.recorder().record(Events.complaint("forged@example.jp", day(1), "abuse").toBuilder().verified(false).build());
            assertThat(system.suppressionList().isSuppressed("forged@example.jp", null)).isFalse();
            assertThat(system.store().findEvents(EventQuery.forRecipient("forged@example.jp", 10))).hasSize(2);
            assertThat(system.store().statistics("source", day(1).atZone(java.time.ZoneOffset.UTC).toLocalDate(),
                    day(1).atZone(java.time.ZoneOffset.UTC).toLocalDate()))
                    .anySatisfy(c -> assertThat(c.value()).isEqualTo("inbound_dsn"));
            Explanation why = system.admin().explain("forged@example.jp", null);
            assertThat(why.state()).isEqualTo(AddressState.ACTIVE);
            assertThat(why.summary()).contains("2 unverified report(s)").contains("not counted because they are unverified");

            system.recorder().record(Events.hard("forged@example.jp", day(2)));
            assertThat(system.suppressionList().isSuppressed("forged@example.jp", null)).as("a verified DSN still counts").isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void unverifiedReportsSuppressWhenTheSettingIsOn(Backend backend) {
        Properties lenient = new Properties();
        lenient.setProperty(PolicySettings.UNVERIFIED_SUPPRESS, "true");
        try (SuppressionSystem system = open(backend, lenient)) {
            clock.set(day(1));
            system.recorder().record(Events.hard("forged@example.jp", day(1)).toBuilder().verified(false).build());
            assertThat(system.suppressionList().isSuppressed("forged@example.jp", null)).isTrue();
            assertThat(system.admin().explain("forged@example.jp", null).summary()).doesNotContain("unverified");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void eventsReplayedOutOfOrderReachTheSameDecision(Backend backend) {
        try (SuppressionSystem system = open(backend, new Properties())) {
            clock.set(day(30));
            List<BounceEvent> sequence = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                sequence.add(Events.soft("late@example.jp", day(i), "systemfull"));
            }
            sequence.add(Events.delivered("late@example.jp", day(2.5)));
            sequence.add(Events.soft("late@example.jp", day(6), "systemfull"));
            sequence.add(Events.soft("late@example.jp", day(7), "systemfull"));
            sequence.add(Events.soft("late@example.jp", day(8), "systemfull"));
            Collections.shuffle(sequence, new Random(3));
            for (BounceEvent e : sequence) {
                system.recorder().record(e);
            }
            assertThat(system.suppressionList().isSuppressed("late@example.jp", null)).isTrue();
            assertThat(system.admin().explain("late@example.jp", null).entry().since()).isEqualTo(day(8));
            assertThat(system.health().addressesRefolded()).as("late events folded the history again").isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void perSenderDomainListsKeepOtherSendersFlowing(Backend backend) {
        Properties perDomain = new Properties();
        perDomain.setProperty(PolicySettings.SCOPE_MODE, "sender-domain");
        try (SuppressionSystem system = open(backend, perDomain)) {
            system.recorder().record(Events.complaint("angry@example.jp", day(0), "abuse"));
            SuppressionList list = system.suppressionList();
            assertThat(list.isSuppressed("angry@example.jp", "shop.example")).isTrue();
            assertThat(list.isSuppressed("angry@example.jp", "SHOP.example")).isTrue();
            assertThat(list.isSuppressed("angry@example.jp", "bank.example")).isFalse();
            assertThat(list.isSuppressed("angry@example.jp", null)).isFalse();
            system.admin().suppress("angry@example.jp", null, "legal hold", null, "ops");
            assertThat(list.isSuppressed("angry@example.jp", "bank.example")).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void manualRemovalHoldsUntilANewEvent(Backend backend) {
        try (SuppressionSystem system = open(backend, new Properties())) {
            clock.set(day(1));
            system.recorder().record(Events.hard("back@example.jp", day(0)));
            clock.set(day(2));
            system.admin().remove("back@example.jp", null, "ops");
            system.recorder().record(Events.hard("back@example.jp", day(0.5)));
            assertThat(system.suppressionList().isSuppressed("back@example.jp", null)).as("older bounce replayed late").isFalse();
            clock.set(day(3));
            system.recorder().record(Events.hard("back@example.jp", day(3)));
            assertThat(system.suppressionList().isSuppressed("back@example.jp", null)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void replayingEventsAlreadyLoggedAddsNothing(Backend backend) throws Exception {
        try (SuppressionSystem system = open(backend, new Properties())) {
            List<PendingEvent> events = List.of(PendingEvent.of(Events.hard("once@example.jp", day(0))),
                    PendingEvent.of(Events.soft("once@example.jp", day(0.5), "mailboxfull")));
            system.recorder().recordAll(events);
            PolicyWriter writer = new PolicyWriter(system.store(), system.policy(), clock);
            writer.writeReplay(events);
            writer.writeReplay(List.of(events.get(1), PendingEvent.of(Events.soft("once@example.jp", day(0.7), "mailboxfull"))));
            assertThat(system.store().findEvents(EventQuery.forRecipient("once@example.jp", 10))).hasSize(3);
            assertThat(system.store().statuses("once@example.jp").get(0).softCount()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aBatchOfManyAddressesAppliesEveryRule(Backend backend) {
        try (SuppressionSystem system = open(backend, new Properties())) {
            clock.set(day(1));
            List<PendingEvent> batch = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String address = "b" + i + "@batch.example";
                switch (i % 4) {
                    case 0: batch.add(PendingEvent.of(Events.hard(address, day(0)))); break;
                    case 1: batch.add(PendingEvent.of(Events.complaint(address, day(0), "not-spam"))); break;
                    case 2: batch.add(PendingEvent.of(Events.bounce(address, day(0), "blocked", true).build())); break;
                    default: batch.add(PendingEvent.of(Events.complaint(address, day(0), "abuse"))); break;
                }
            }
            system.recorder().recordAll(batch);
            SuppressionList list = system.suppressionList();
            for (int i = 0; i < 300; i++) {
                assertThat(list.isSuppressed("b" + i + "@batch.example", null)).as("b%d", i).isEqualTo(i % 4 == 0 || i % 4 == 3);
            }
            assertThat(system.health().snapshotSize()).isEqualTo(150);
            clock.advance(Duration.ofDays(3650));
            assertThat(list.isSuppressed("b0@batch.example", null)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void oneBatchLiftsTheSuppressionOfAKnownAddressAndSuppressesANewOne(Backend backend) {
        try (SuppressionSystem system = open(backend, new Properties())) {
            SuppressionList list = system.suppressionList();
            for (int i = 0; i < 5; i++) {
                clock.set(day(i));
                system.recorder().record(Events.soft("known@example.jp", clock.instant(), "mailboxfull"));
            }
            assertThat(list.isSuppressed("known@example.jp", null)).isTrue();

            clock.set(day(6));
            system.recorder().recordAll(List.of(PendingEvent.of(Events.delivered("known@example.jp", day(6))),
                    PendingEvent.of(Events.hard("new@example.jp", day(6))),
                    PendingEvent.of(Events.soft("new@example.jp", day(6).plusSeconds(1), "mailboxfull"))));

            assertThat(list.isSuppressed("known@example.jp", null)).as("the delivery lifts the known address").isFalse();
            assertThat(system.store().statuses("known@example.jp").get(0).deliveredCount()).isEqualTo(1);
            assertThat(list.isSuppressed("new@example.jp", null)).isTrue();
            AddressStatus fresh = system.store().statuses("new@example.jp").get(0);
            assertThat(fresh.hardCount()).isEqualTo(1);
            assertThat(fresh.softCount()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aStatusIsRewrittenOnlyWhenItChanges(Backend backend) {
        try (SuppressionSystem system = open(backend, new Properties())) {
            clock.set(day(1));
            system.recorder().record(Events.soft("same@example.jp", day(1), "mailboxfull"));
            java.time.Instant first = statusUpdatedAt(system, "same@example.jp");
            clock.set(day(2));
            system.recorder().record(BounceEvent.builder().time(day(2)).recipient("same@example.jp")
                    .source(io.bounceguard.store.EventSource.SUPPRESSED_AT_RELAY).reason("suppressed").build());
            assertThat(statusUpdatedAt(system, "same@example.jp")).as("an event the policy ignores").isEqualTo(first);
            clock.set(day(3));
            system.recorder().record(Events.soft("same@example.jp", day(3), "mailboxfull"));
            assertThat(statusUpdatedAt(system, "same@example.jp")).isEqualTo(day(3));
            assertThat(system.store().statuses("same@example.jp").get(0).softCount()).isEqualTo(2);
        }
    }

    private static java.time.Instant statusUpdatedAt(SuppressionSystem system, String key) {
        return system.store().query("read updated_at", c -> {
            try (java.sql.PreparedStatement s = c.prepareStatement("SELECT updated_at FROM bg_address_status WHERE address_key = ?")) {
                s.setString(1, key);
                try (java.sql.ResultSet rs = s.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    return rs.getTimestamp(1).toInstant();
                }
            }
        });
    }
}
