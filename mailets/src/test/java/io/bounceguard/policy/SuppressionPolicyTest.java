package io.bounceguard.policy;

import static io.bounceguard.policy.Events.T0;
import static io.bounceguard.policy.Events.complaint;
import static io.bounceguard.policy.Events.day;
import static io.bounceguard.policy.Events.delivered;
import static io.bounceguard.policy.Events.hard;
import static io.bounceguard.policy.Events.manual;
import static io.bounceguard.policy.Events.soft;
import static org.assertj.core.api.Assertions.assertThat;

import io.bounceguard.store.AddressState;
import io.bounceguard.store.BounceEvent;
import io.bounceguard.store.EventSource;
import io.bounceguard.store.HistoryEvent;
import io.bounceguard.store.SuppressionOrigin;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The default rules, windows, expiry, scopes, manual overrides and out-of-order replay, on the pure fold. */
class SuppressionPolicyTest {
    private static final String KEY = "taro@example.jp";

    private final SuppressionPolicy policy = new SuppressionPolicy(PolicySettings.defaults());

    private static List<HistoryEvent> history(BounceEvent... events) {
        List<HistoryEvent> history = new ArrayList<>();
        long id = 1;
        for (BounceEvent e : events) {
            history.add(new HistoryEvent(e.toBuilder().id(id++).build(), KEY, null));
        }
        return history;
    }

    private PolicyOutcome global(List<HistoryEvent> history, Instant now) {
        return policy.evaluate(KEY, "", history, now);
    }

    @Test
    void hardBounceSuppressesAtOnceAndForGood() {
        PolicyOutcome outcome = global(history(hard(KEY, T0)), day(3650));
        assertThat(outcome.status().state()).isEqualTo(AddressState.SUPPRESSED);
        assertThat(outcome.entry().origin()).isEqualTo(SuppressionOrigin.BOUNCE);
        assertThat(outcome.entry().reason()).isEqualTo("userunknown");
        assertThat(outcome.entry().until()).isNull();
        assertThat(outcome.rule()).isEqualTo(SuppressionPolicy.RULE_HARD);
        assertThat(outcome.evidenceEventIds()).containsExactly(1L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"userunknown", "hostunknown", "addresssyntax", "hasmoved", "notaccept", "suppressed"})
    void everyAddressFailureIsHardWhenPermanentAndCountsAsSoftWith4xx(String reason) {
        assertThat(global(history(Events.bounce(KEY, T0, reason, true).build()), day(1)).status().state())
                .isEqualTo(AddressState.SUPPRESSED);
        PolicyOutcome temporary = global(history(Events.bounce(KEY, T0, reason, false).build()), day(1));
        assertThat(temporary.status().state()).isEqualTo(AddressState.ACTIVE);
        assertThat(temporary.status().softCount()).isEqualTo(1);
    }

    @Test
    void hardBounceTypeIsDerivedFromStatusWhenNotStated() {
        BounceEvent noType = Events.bounce(KEY, T0, "userunknown", true).bounceType(null).status("5.1.1").build();
        assertThat(global(history(noType), day(1)).status().state()).isEqualTo(AddressState.SUPPRESSED);
        BounceEvent temporary = Events.bounce(KEY, T0, "userunknown", true).bounceType(null).status("4.1.1").build();
        assertThat(global(history(temporary), day(1)).status().state()).isEqualTo(AddressState.ACTIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mailboxfull", "suspend", "systemfull", "exceedlimit", "filtered", "expired", "networkerror",
            "systemerror", "onhold"})
    void fiveMailboxFailuresWithinFourteenDaysSuppressForThirtyDays(String reason) {
        BounceEvent[] four = {soft(KEY, day(0), reason), soft(KEY, day(3), reason), soft(KEY, day(6), reason),
                soft(KEY, day(9), reason)};
        assertThat(global(history(four), day(10)).status().state()).isEqualTo(AddressState.ACTIVE);

        List<HistoryEvent> five = history(four[0], four[1], four[2], four[3], soft(KEY, day(12), reason));
        PolicyOutcome outcome = global(five, day(13));
        assertThat(outcome.status().state()).isEqualTo(AddressState.SUPPRESSED);
        assertThat(outcome.rule()).isEqualTo(SuppressionPolicy.RULE_SOFT);
        assertThat(outcome.entry().since()).isEqualTo(day(12));
        assertThat(outcome.entry().until()).isEqualTo(day(42));
        assertThat(outcome.evidenceEventIds()).containsExactly(1L, 2L, 3L, 4L, 5L);

        assertThat(global(five, day(41.9)).status().state()).isEqualTo(AddressState.SUPPRESSED);
        assertThat(global(five, day(42)).status().state()).isEqualTo(AddressState.EXPIRED);
        assertThat(global(five, day(42)).entry()).isNull();
    }

    @Test
    void softBouncesSpreadOverMoreThanTheWindowDoNotSuppress() {
        List<HistoryEvent> spread = history(soft(KEY, day(0), "mailboxfull"), soft(KEY, day(4), "mailboxfull"),
                soft(KEY, day(8), "mailboxfull"), soft(KEY, day(12), "mailboxfull"), soft(KEY, day(16), "mailboxfull"));
        PolicyOutcome outcome = global(spread, day(17));
        assertThat(outcome.status().state()).isEqualTo(AddressState.ACTIVE);
        assertThat(outcome.status().softCount()).isEqualTo(5);
        List<HistoryEvent> justInside = history(soft(KEY, day(0.01), "mailboxfull"), soft(KEY, day(4), "mailboxfull"),
                soft(KEY, day(8), "mailboxfull"), soft(KEY, day(12), "mailboxfull"), soft(KEY, day(14), "mailboxfull"));
        assertThat(global(justInside, day(15)).status().state()).isEqualTo(AddressState.SUPPRESSED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocked", "badreputation", "authfailure", "policyviolation", "spamdetected", "virusdetected",
            "contenterror", "requireptr", "norelaying", "securityerror", "failedstarttls", "toomanyconn", "speeding",
            "rejected", "syntaxerror", "mesgtoobig", "notcompliantrfc", "mailererror"})
    void failuresAimedAtTheSenderOrMessageNeverSuppressButAreCounted(String reason) {
        List<BounceEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(Events.bounce(KEY, day(i * 0.5), reason, true).build());
        }
        PolicyOutcome outcome = global(history(events.toArray(BounceEvent[]::new)), day(6));
        assertThat(outcome.status().state()).isEqualTo(AddressState.ACTIVE);
        assertThat(outcome.status().senderSideCount()).isEqualTo(10);
        assertThat(outcome.status().softCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"undefined", "delayed", "vacation"})
    void undefinedDelaysAndVacationNeverSuppress(String reason) {
        List<BounceEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(Events.bounce(KEY, day(i * 0.1), reason, true).build());
        }
        assertThat(global(history(events.toArray(BounceEvent[]::new)), day(2)).status().state()).isEqualTo(AddressState.ACTIVE);
    }

    @Test
    void autoRepliesNeverSuppress() {
        BounceEvent reply = BounceEvent.builder().time(T0).recipient(KEY).source(EventSource.AUTOREPLY).reason("vacation")
                .bounceType("none").build();
        assertThat(policy.effectOf(reply)).isEqualTo(EventEffect.NONE);
        assertThat(global(history(reply, reply, reply, reply, reply, reply), day(1)).status().state()).isEqualTo(AddressState.ACTIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abuse", "fraud", "virus", "other"})
    void complaintSuppressesAtOnce(String feedbackType) {
        PolicyOutcome outcome = global(history(complaint(KEY, T0, feedbackType)), day(400));
        assertThat(outcome.status().state()).isEqualTo(AddressState.SUPPRESSED);
        assertThat(outcome.entry().origin()).isEqualTo(SuppressionOrigin.COMPLAINT);
        assertThat(outcome.entry().reason()).isEqualTo(feedbackType);
        assertThat(outcome.entry().until()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-spam", "auth-failure", "NOT-SPAM"})
    void notSpamAndAuthFailureReportsNeverSuppress(String feedbackType) {
        assertThat(global(history(complaint(KEY, T0, feedbackType)), day(1)).status().state()).isEqualTo(AddressState.ACTIVE);
    }

    @Test
    void deliveryResetsTheSoftCount() {
        List<HistoryEvent> events = history(soft(KEY, day(0), "mailboxfull"), soft(KEY, day(1), "mailboxfull"),
                soft(KEY, day(2), "mailboxfull"), soft(KEY, day(3), "mailboxfull"), delivered(KEY, day(4)),
                soft(KEY, day(5), "mailboxfull"), soft(KEY, day(6), "mailboxfull"), soft(KEY, day(7), "mailboxfull"),
                soft(KEY, day(8), "mailboxfull"));
        assertThat(global(events, day(9)).status().state()).isEqualTo(AddressState.ACTIVE);
    }

    @Test
    void deliveryLiftsASoftSuppressionButNotAHardOne() {
        List<HistoryEvent> soft = history(soft(KEY, day(0), "mailboxfull"), soft(KEY, day(1), "mailboxfull"),
                soft(KEY, day(2), "mailboxfull"), soft(KEY, day(3), "mailboxfull"), soft(KEY, day(4), "mailboxfull"),
                delivered(KEY, day(5)));
        PolicyOutcome lifted = global(soft, day(6));
        assertThat(lifted.status().state()).isEqualTo(AddressState.ACTIVE);
        assertThat(lifted.rule()).isEqualTo(SuppressionPolicy.RULE_DELIVERED);
        assertThat(global(history(hard(KEY, day(0)), delivered(KEY, day(1))), day(2)).status().state())
                .isEqualTo(AddressState.SUPPRESSED);
    }

    @Test
    void hardBounceReplacesASoftSuppressionAndComplaintDoesNotReplaceAHardOne() {
        List<HistoryEvent> events = history(soft(KEY, day(0), "mailboxfull"), soft(KEY, day(1), "mailboxfull"),
                soft(KEY, day(2), "mailboxfull"), soft(KEY, day(3), "mailboxfull"), soft(KEY, day(4), "mailboxfull"),
                hard(KEY, day(5)), complaint(KEY, day(6), "abuse"));
        PolicyOutcome outcome = global(events, day(100));
        assertThat(outcome.rule()).isEqualTo(SuppressionPolicy.RULE_HARD);
        assertThat(outcome.entry().until()).isNull();
        assertThat(outcome.status().complaintCount()).isEqualTo(1);
    }

    @Test
    void hardAndComplaintExpiryApplyWhenConfigured() {
        PolicySettings d = PolicySettings.defaults();
        SuppressionPolicy expiring = new SuppressionPolicy(new PolicySettings(d.softThreshold(), d.softWindow(),
                d.softExpiry(), d.softReasons(), true, true, Duration.ofDays(365), Duration.ofDays(180),
                d.ignoredFeedbackTypes(), d.scopeMode()));
        List<HistoryEvent> hard = history(hard(KEY, day(0)));
        assertThat(expiring.evaluate(KEY, "", hard, day(364)).status().state()).isEqualTo(AddressState.SUPPRESSED);
        assertThat(expiring.evaluate(KEY, "", hard, day(366)).status().state()).isEqualTo(AddressState.EXPIRED);
        List<HistoryEvent> complaint = history(complaint(KEY, day(0), "abuse"));
        assertThat(expiring.evaluate(KEY, "", complaint, day(181)).status().state()).isEqualTo(AddressState.EXPIRED);
    }

    @Test
    void scopeModesDecideWhichListsABounceReaches() {
        List<HistoryEvent> events = history(hard(KEY, T0));
        assertThat(policy.targets(events)).containsExactly("");
        SuppressionPolicy perDomain = new SuppressionPolicy(withScope(PolicySettings.ScopeMode.SENDER_DOMAIN));
        assertThat(perDomain.targets(events)).containsExactly("shop.example");
        assertThat(perDomain.evaluate(KEY, "shop.example", events, day(1)).status().state()).isEqualTo(AddressState.SUPPRESSED);
        assertThat(perDomain.evaluate(KEY, "", events, day(1)).status().state()).isEqualTo(AddressState.ACTIVE);
        assertThat(perDomain.evaluate(KEY, "other.example", events, day(1)).status().state()).isEqualTo(AddressState.ACTIVE);
        SuppressionPolicy both = new SuppressionPolicy(withScope(PolicySettings.ScopeMode.BOTH));
        assertThat(both.targets(events)).containsExactlyInAnyOrder("", "shop.example");
        assertThat(both.evaluate(KEY, "", events, day(1)).status().state()).isEqualTo(AddressState.SUPPRESSED);
        List<HistoryEvent> unscoped = history(hard(KEY, T0).toBuilder().scope(null).build());
        assertThat(perDomain.targets(unscoped)).containsExactly("");
    }

    private static PolicySettings withScope(PolicySettings.ScopeMode mode) {
        PolicySettings d = PolicySettings.defaults();
        return new PolicySettings(d.softThreshold(), d.softWindow(), d.softExpiry(), d.softReasons(), true, true, null, null,
                d.ignoredFeedbackTypes(), mode);
    }

    @Test
    void manualRemovalHoldsUntilANewerEvent() {
        List<HistoryEvent> removed = history(hard(KEY, day(0)), manual(KEY, day(1), null, "remove"));
        PolicyOutcome outcome = global(removed, day(2));
        assertThat(outcome.status().state()).isEqualTo(AddressState.ACTIVE);
        assertThat(outcome.rule()).isEqualTo(SuppressionPolicy.RULE_REMOVED);

        List<HistoryEvent> lateOldBounce = history(hard(KEY, day(0)), manual(KEY, day(1), null, "remove"), hard(KEY, day(0.5)));
        assertThat(global(lateOldBounce, day(2)).status().state()).isEqualTo(AddressState.ACTIVE);

        List<HistoryEvent> newBounce = history(hard(KEY, day(0)), manual(KEY, day(1), null, "remove"), hard(KEY, day(3)));
        assertThat(global(newBounce, day(4)).status().state()).isEqualTo(AddressState.SUPPRESSED);
    }

    @Test
    void manualRemovalInOneScopeLeavesTheOthers() {
        SuppressionPolicy both = new SuppressionPolicy(withScope(PolicySettings.ScopeMode.BOTH));
        List<HistoryEvent> events = history(hard(KEY, day(0)), manual(KEY, day(1), "shop.example", "remove"));
        assertThat(both.evaluate(KEY, "shop.example", events, day(2)).status().state()).isEqualTo(AddressState.ACTIVE);
        assertThat(both.evaluate(KEY, "", events, day(2)).status().state()).isEqualTo(AddressState.SUPPRESSED);
    }

    @Test
    void manualSuppressionWithExpiryEnds() {
        List<HistoryEvent> events = new ArrayList<>(history(manual(KEY, day(0), null, "suppress")));
        HistoryEvent first = events.get(0);
        events.set(0, new HistoryEvent(first.event(), KEY, day(10)));
        PolicyOutcome during = global(events, day(5));
        assertThat(during.entry().origin()).isEqualTo(SuppressionOrigin.MANUAL);
        assertThat(during.entry().until()).isEqualTo(day(10));
        assertThat(global(events, day(11)).status().state()).isEqualTo(AddressState.EXPIRED);
    }

    @Test
    void importedEntriesAreSuppressions() {
        BounceEvent imported = BounceEvent.builder().time(T0).recipient(KEY).source(EventSource.IMPORT).reason("legacy").build();
        PolicyOutcome outcome = global(history(imported), day(1));
        assertThat(outcome.entry().origin()).isEqualTo(SuppressionOrigin.IMPORT);
        assertThat(outcome.entry().reason()).isEqualTo("legacy");
    }

    @Test
    void theOutcomeDoesNotDependOnTheOrderInWhichEventsArrive() {
        List<HistoryEvent> sequence = history(soft(KEY, day(0), "mailboxfull"), soft(KEY, day(1), "systemfull"),
                delivered(KEY, day(1.5)), soft(KEY, day(2), "mailboxfull"), soft(KEY, day(3), "mailboxfull"),
                soft(KEY, day(4), "filtered"), soft(KEY, day(5), "suspend"), soft(KEY, day(6), "mailboxfull"),
                Events.bounce(KEY, day(6.5), "blocked", true).build(), complaint(KEY, day(7), "not-spam"),
                manual(KEY, day(8), null, "remove"), soft(KEY, day(9), "expired"), hard(KEY, day(20)),
                manual(KEY, day(21), null, "remove"), hard(KEY, day(20.5)));
        List<Instant> checkpoints = List.of(day(5.5), day(6.2), day(8.5), day(20.2), day(22), day(60));
        Random random = new Random(42);
        List<AddressState> states = new ArrayList<>();
        for (Instant now : checkpoints) {
            List<HistoryEvent> known = sequence.stream().filter(h -> !h.event().time().isAfter(now)).toList();
            PolicyOutcome inOrder = global(known, now);
            states.add(inOrder.status().state());
            for (int round = 0; round < 25; round++) {
                List<HistoryEvent> shuffled = new ArrayList<>(known);
                Collections.shuffle(shuffled, random);
                assertThat(global(shuffled, now)).as("shuffled at %s", now).isEqualTo(inOrder);
            }
        }
        assertThat(states).containsExactly(AddressState.ACTIVE, AddressState.SUPPRESSED, AddressState.ACTIVE,
                AddressState.SUPPRESSED, AddressState.ACTIVE, AddressState.ACTIVE);
    }
}
