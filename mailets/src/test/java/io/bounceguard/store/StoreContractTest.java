package io.bounceguard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.bounceguard.policy.Explanation;
import io.bounceguard.policy.ImportResult;
import io.bounceguard.policy.ImportRow;
import io.bounceguard.policy.SuppressionSystem;
import io.bounceguard.store.TestDatabases.Backend;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The store's contract, run unchanged against real H2 and real PostgreSQL. */
class StoreContractTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:15:30.123456Z");

    @TempDir
    Path workDir;

    private SuppressionSystem open(Backend backend) {
        return SuppressionSystem.open(TestDatabases.settings(backend, workDir));
    }

    private static BounceEvent full(String recipient, Instant time) {
        return BounceEvent.builder().time(time).recipient(recipient).originalSender("bounces+x=y@shop.example")
                .scope("shop.example").source(EventSource.INBOUND_DSN).kind("dsn").action("failed").status("5.2.2")
                .replyCode(552).reason("mailboxfull").bounceType("soft").diagnostic("552 5.2.2 Mailbox full; 容量超過")
                .remoteMta("mx.example.jp").reportingMta("james.shop.example").messageId("<m1@shop.example>")
                .verified(true).feedbackType(null).build();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anEventComesBackWithEveryField(Backend backend) {
        try (SuppressionSystem system = open(backend)) {
            BounceEvent written = full("Taro.Yamada@Example.JP", T0);
            system.recorder().record(written);
            BounceEvent read = system.store().findEvents(EventQuery.forRecipient("taro.yamada@example.jp", 5)).get(0);
            assertThat(read.id()).isPositive();
            assertThat(read.toBuilder().id(null).build()).isEqualTo(written);
            BounceEvent complaint = BounceEvent.builder().time(T0).recipient("a@b.example").source(EventSource.COMPLAINT)
                    .feedbackType("abuse").reason("feedback").bounceType("none").build();
            system.recorder().record(complaint);
            assertThat(system.store().findEvents(EventQuery.forRecipient("a@b.example", 5)).get(0).toBuilder().id(null).build())
                    .isEqualTo(complaint);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void textWithQuotesCommasLineBreaksAndBackslashesComesBackUnchanged(Backend backend) {
        try (SuppressionSystem system = open(backend)) {
            BounceEvent written = full("quote@example.jp", T0).toBuilder()
                    .diagnostic("550 \"no\", said he,\r\n\tthen \\N and \\. and ,,\"\"").remoteMta("")
                    .reportingMta("a,b").messageId("<\"q\"@x>").build();
            system.recorder().recordAll(List.of(PendingEvent.of(written), PendingEvent.of(full("plain@example.jp", T0))));
            BounceEvent read = system.store().findEvents(EventQuery.forRecipient("quote@example.jp", 5)).get(0);
            assertThat(read.toBuilder().id(null).build()).isEqualTo(written);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void queriesFilterOrderAndPage(Backend backend) {
        try (SuppressionSystem system = open(backend)) {
            List<PendingEvent> events = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                BounceEvent.Builder e = full("user" + (i % 5) + "@" + (i % 2 == 0 ? "even.example" : "odd.example"),
                        T0.plus(i, ChronoUnit.HOURS)).toBuilder();
                if (i % 3 == 0) {
                    e.reason("userunknown").bounceType("hard").status("5.1.1").replyCode(550).verified(false);
                }
                if (i == 24) {
                    e.source(EventSource.REMOTE_DELIVERY);
                }
                events.add(PendingEvent.of(e.build()));
            }
            system.recorder().recordAll(events);
            BounceStore store = system.store();

            assertThat(store.findEvents(EventQuery.builder().recipient("USER1@odd.example").build())).hasSize(3);
            assertThat(store.findEvents(EventQuery.builder().recipientDomain("Even.Example").limit(100).build())).hasSize(13);
            assertThat(store.findEvents(EventQuery.builder().reason("userunknown").build())).hasSize(9)
                    .allSatisfy(e -> assertThat(e.bounceType()).isEqualTo("hard"));
            assertThat(store.findEvents(EventQuery.builder().bounceType("soft").build())).hasSize(16);
            assertThat(store.findEvents(EventQuery.builder().source(EventSource.REMOTE_DELIVERY).build())).hasSize(1);
            assertThat(store.findEvents(EventQuery.builder().verified(false).build())).hasSize(9);
            assertThat(store.findEvents(EventQuery.builder().scope("shop.example").build())).hasSize(25);
            assertThat(store.findEvents(EventQuery.builder().from(T0.plus(10, ChronoUnit.HOURS))
                    .to(T0.plus(20, ChronoUnit.HOURS)).build())).hasSize(10);
            assertThat(store.countEvents(EventQuery.builder().reason("mailboxfull").build())).isEqualTo(16);

            List<Long> pagedIds = new ArrayList<>();
            Long after = null;
            while (true) {
                List<BounceEvent> page = store.findEvents(EventQuery.builder().afterId(after).limit(10).build());
                if (page.isEmpty()) {
                    break;
                }
                page.forEach(e -> pagedIds.add(e.id()));
                after = page.get(page.size() - 1).id();
            }
            assertThat(pagedIds).hasSize(25).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
            List<BounceEvent> oldest = store.findEvents(EventQuery.builder().oldestFirst().limit(3).build());
            assertThat(oldest).extracting(BounceEvent::time).containsExactly(T0, T0.plus(1, ChronoUnit.HOURS),
                    T0.plus(2, ChronoUnit.HOURS));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void opsMarkEventsAsCheckedBesideTheLog(Backend backend) {
        try (SuppressionSystem system = open(backend)) {
            for (int i = 0; i < 6; i++) {
                system.recorder().record(full("u" + i + "@example.com", T0.plusSeconds(i)).toBuilder()
                        .reason(i < 2 ? "userunknown" : "mailboxfull").build());
            }
            BounceStore store = system.store();
            assertThat(store.countUnchecked()).isEqualTo(6);
            List<Long> ids = store.findEvents(EventQuery.builder().reason("userunknown").build()).stream().map(BounceEvent::id).toList();
            assertThat(store.acknowledge(ids, "ops-alice")).isEqualTo(2);
            assertThat(store.acknowledge(ids, "ops-bob")).isZero();
            assertThat(store.countUnchecked()).isEqualTo(4);
            assertThat(store.findStoredEvents(EventQuery.builder().acknowledged(true).build()))
                    .hasSize(2).allSatisfy(s -> assertThat(s.acknowledgedBy()).isEqualTo("ops-alice"));
            assertThat(store.acknowledgeMatching(EventQuery.builder().recipientDomain("example.com").build(), "ops-bob")).isEqualTo(4);
            assertThat(store.countUnchecked()).isZero();
            assertThat(store.findEvents(EventQuery.builder().reason("userunknown").build()))
                    .as("the log itself is not rewritten").hasSize(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void eventsAndSuppressionsStreamForExport(Backend backend) {
        try (SuppressionSystem system = open(backend)) {
            List<PendingEvent> events = new ArrayList<>();
            for (int i = 0; i < 2_500; i++) {
                events.add(PendingEvent.of(full("user" + i + "@stream.example", T0.plusMillis(i)).toBuilder()
                        .reason("userunknown").bounceType("hard").build()));
            }
            system.recorder().recordAll(events);
            AtomicInteger count = new AtomicInteger();
            system.store().forEachEvent(EventQuery.builder().oldestFirst().limit(1).build(), true, e -> count.incrementAndGet());
            assertThat(count).hasValue(2_500);
            List<String> keys = new ArrayList<>();
            system.store().forEachSuppression(SuppressionQuery.allScopes().withLimit(0), e -> keys.add(e.addressKey()));
            assertThat(keys).hasSize(2_500).isSorted();
            assertThat(system.suppressionList().isSuppressed("USER2499@stream.example", null)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anAddressThatCannotBeNormalisedIsStoredButSuppressesNothing(Backend backend) {
        try (SuppressionSystem system = open(backend)) {
            for (String broken : List.of("not an address", "user@", "@example.com", "us er@exa mple.com")) {
                system.recorder().record(BounceEvent.builder().time(T0).recipient(broken).source(EventSource.NONSTANDARD_BOUNCE)
                        .action("failed").reason("userunknown").bounceType("hard").build());
                assertThat(system.store().findEvents(EventQuery.forRecipient(broken, 5))).as(broken).hasSize(1);
                assertThat(system.suppressionList().isSuppressed(broken, null)).isFalse();
            }
            assertThat(system.health().snapshotSize()).isZero();
            assertThatThrownBy(() -> system.admin().suppress("not an address", null, "manual", null, "ops"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an address of the form local@domain");
            assertThatThrownBy(() -> system.admin().remove("x@exa mple.com", null, "ops"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid character in its domain");
            assertThatThrownBy(() -> system.store().statuses("@nope")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> system.admin().suppress("ok@example.com", "bad domain!", "manual", null, "ops"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void internationalDomainsAndCaseShareOneKey(Backend backend) {
        try (SuppressionSystem system = open(backend)) {
            system.recorder().record(full("Hanako@Bücher.Example", T0).toBuilder().reason("userunknown").bounceType("hard").build());
            assertThat(system.suppressionList().isSuppressed("hanako@xn--bcher-kva.example", null)).isTrue();
            assertThat(system.suppressionList().isSuppressed("HANAKO@bücher.example", null)).isTrue();
            assertThat(system.store().statuses("hanako@BÜCHER.example")).singleElement()
                    .satisfies(s -> assertThat(s.addressKey()).isEqualTo("hanako@xn--bcher-kva.example"));
            assertThat(system.store().findEvents(EventQuery.forRecipient("hanako@xn--bcher-kva.example", 5)).get(0).recipient())
                    .isEqualTo("Hanako@Bücher.Example");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void caseSensitiveLocalPartsWhenConfigured(Backend backend) {
        Properties extra = new Properties();
        extra.setProperty(StoreSettings.FOLD_LOCAL_PART, "false");
        try (SuppressionSystem system = SuppressionSystem.open(TestDatabases.settings(backend, workDir, extra))) {
            system.recorder().record(full("Taro@EXAMPLE.jp", T0).toBuilder().reason("userunknown").bounceType("hard").build());
            assertThat(system.suppressionList().isSuppressed("Taro@example.jp", null)).isTrue();
            assertThat(system.suppressionList().isSuppressed("taro@example.jp", null)).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void countersAndBounceRatesFollowTheWrites(Backend backend) {
        try (SuppressionSystem system = open(backend)) {
            List<PendingEvent> events = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                events.add(PendingEvent.of(full("a" + i + "@gmail.example", T0).toBuilder().reason("userunknown").bounceType("hard").build()));
            }
            events.add(PendingEvent.of(full("b@yahoo.example", T0)));
            events.add(PendingEvent.of(full("c@yahoo.example", T0).toBuilder().source(EventSource.DELIVERED).action("delivered")
                    .reason("delivered").bounceType("none").build()));
            system.recorder().recordAll(events);
            LocalDate day = LocalDate.of(2026, 3, 2);
            system.store().addSends("GMAIL.example", day, 96);
            system.store().addSends("gmail.example", day, 4);

            assertThat(system.store().statistics(StatCounters.REASON, day, day))
                    .extracting(StatCounters.Counter::value, StatCounters.Counter::count)
                    .containsExactly(tuple("delivered", 1L), tuple("mailboxfull", 1L),
                            tuple("userunknown", 4L));
            assertThat(system.store().statistics(StatCounters.BOUNCE_TYPE, day.minusDays(1), day.plusDays(1)))
                    .extracting(StatCounters.Counter::value).containsExactly("hard", "none", "soft");
            assertThat(system.store().bounceRates(day, day)).containsExactly(
                    new DomainBounceRate("gmail.example", 4, 100, 0.04),
                    new DomainBounceRate("yahoo.example", 1, 1, 1.0));
            assertThat(system.store().statistics(StatCounters.REASON, day.plusDays(1), day.plusDays(2))).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void suppressionsAreListedSearchedPagedAndExplained(Backend backend) {
        try (SuppressionSystem system = open(backend)) {
            List<ImportRow> rows = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                rows.add(new ImportRow(String.format("user%02d@import.example", i), i < 10 ? "shop.example" : null, "legacy", null));
            }
            rows.add(new ImportRow("broken", null, "legacy", null));
            rows.add(new ImportRow("late@import.example", null, "legacy", Instant.now().minusSeconds(5)));
            ImportResult result = system.admin().importSuppressions(rows.iterator(), "ops", 7);
            assertThat(result.imported()).isEqualTo(30);
            assertThat(result.rejected()).extracting(ImportResult.Rejected::row).containsExactly(31L, 32L);

            BounceStore store = system.store();
            assertThat(store.findSuppressions(SuppressionQuery.global().withLimit(100))).hasSize(20);
            assertThat(store.findSuppressions(SuppressionQuery.inScope("Shop.Example").withLimit(100))).hasSize(10)
                    .allSatisfy(e -> assertThat(e.scope()).isEqualTo("shop.example"));
            List<SuppressionEntry> page1 = store.findSuppressions(SuppressionQuery.allScopes().withLimit(12));
            List<SuppressionEntry> page2 = store.findSuppressions(SuppressionQuery.allScopes().withLimit(100)
                    .after(page1.get(11).addressKey()));
            assertThat(page1.size() + page2.size()).isEqualTo(30);
            assertThat(store.findSuppressions(SuppressionQuery.allScopes().withKeyPrefix("USER2"))).hasSize(10);

            assertThat(system.suppressionList().isSuppressed("user05@import.example", null)).isFalse();
            assertThat(system.suppressionList().isSuppressed("user05@import.example", "shop.example")).isTrue();
            assertThat(system.suppressionList().isSuppressed("user15@import.example", "other.example")).isTrue();

            Explanation why = system.admin().explain("user05@import.example", "shop.example");
            assertThat(why.rule()).isEqualTo("import");
            assertThat(why.evidence()).singleElement().satisfies(e -> assertThat(e.source()).isEqualTo(EventSource.IMPORT));
            assertThat(why.summary()).contains("suppressed on the list of shop.example");

            Instant until = Instant.now().plusSeconds(3600);
            SuppressionEntry manual = system.admin().suppress("vip@example.com", null, "asked to stop", until, "ops-alice");
            assertThat(manual.origin()).isEqualTo(SuppressionOrigin.MANUAL);
            assertThat(manual.until()).isEqualTo(until.truncatedTo(ChronoUnit.MICROS));
            assertThat(system.suppressionList().isSuppressed("vip@example.com", null)).isTrue();
            assertThat(system.admin().remove("vip@example.com", null, "ops-bob")).isTrue();
            assertThat(system.suppressionList().isSuppressed("vip@example.com", null)).isFalse();
            assertThat(system.admin().explain("vip@example.com", null).rule()).isEqualTo("manual-removal");
            assertThat(store.findEvents(EventQuery.forRecipient("vip@example.com", 10)))
                    .extracting(BounceEvent::action).containsExactly("remove", "suppress");
        }
    }
}
