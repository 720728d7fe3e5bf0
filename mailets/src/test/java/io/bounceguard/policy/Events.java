package io.bounceguard.policy;

import io.bounceguard.store.BounceEvent;
import io.bounceguard.store.EventSource;
import java.time.Duration;
import java.time.Instant;

/** Events as the classifier and the relay produce them, for policy tests. */
final class Events {
    static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    private Events() {
    }

    static Instant day(double days) {
        return T0.plus(Duration.ofMinutes(Math.round(days * 24 * 60)));
    }

    static BounceEvent.Builder bounce(String recipient, Instant time, String reason, boolean permanent) {
        String type = io.bounceguard.classify.Reason.fromId(reason).bounceType(permanent).id();
        return BounceEvent.builder().time(time).recipient(recipient).originalSender("news@shop.example").scope("shop.example")
                .source(EventSource.INBOUND_DSN).kind("dsn").action(permanent ? "failed" : "delayed")
                .status(permanent ? "5.0.0" : "4.0.0").replyCode(permanent ? 550 : 450).reason(reason).bounceType(type)
                .verified(true);
    }

    static BounceEvent hard(String recipient, Instant time) {
        return bounce(recipient, time, "userunknown", true).status("5.1.1").build();
    }

    static BounceEvent soft(String recipient, Instant time, String reason) {
        return bounce(recipient, time, reason, false).action("failed").build();
    }

    static BounceEvent complaint(String recipient, Instant time, String feedbackType) {
        return BounceEvent.builder().time(time).recipient(recipient).originalSender("news@shop.example").scope("shop.example")
                .source(EventSource.COMPLAINT).kind("complaint").reason("feedback").bounceType("none")
                .feedbackType(feedbackType).build();
    }

    static BounceEvent delivered(String recipient, Instant time) {
        return BounceEvent.builder().time(time).recipient(recipient).originalSender("news@shop.example").scope("shop.example")
                .source(EventSource.DELIVERED).action("delivered").reason("delivered").bounceType("none").replyCode(250).build();
    }

    static BounceEvent manual(String recipient, Instant time, String scope, String action) {
        return BounceEvent.builder().time(time).recipient(recipient).scope(scope).source(EventSource.MANUAL).action(action)
                .reason("manual").build();
    }
}
