package io.bounceguard.policy;

import io.bounceguard.classify.BounceType;
import io.bounceguard.classify.Reason;
import io.bounceguard.store.BounceEvent;
import java.util.Locale;

/** Tells the {@link EventEffect} of an event under the policy settings. */
public final class EventClassifier {
    /** {@code action} of a MANUAL event that puts an address on a list. */
    public static final String ACTION_SUPPRESS = "suppress";
    /** {@code action} of a MANUAL event that takes an address off a list. */
    public static final String ACTION_REMOVE = "remove";

    private final PolicySettings settings;

    public EventClassifier(PolicySettings settings) {
        this.settings = settings;
    }

    public EventEffect effectOf(BounceEvent event) {
        if (ignoredAsUnverified(event)) {
            return EventEffect.NONE;
        }
        switch (event.source()) {
            case MANUAL:
                if (ACTION_SUPPRESS.equalsIgnoreCase(event.action())) {
                    return EventEffect.MANUAL_SUPPRESS;
                }
                return ACTION_REMOVE.equalsIgnoreCase(event.action()) ? EventEffect.MANUAL_REMOVE : EventEffect.NONE;
            case IMPORT:
                return EventEffect.MANUAL_SUPPRESS;
            case COMPLAINT:
                String feedbackType = event.feedbackType() == null ? "abuse" : event.feedbackType().toLowerCase(Locale.ROOT);
                return settings.ignoredFeedbackTypes().contains(feedbackType) ? EventEffect.NONE : EventEffect.COMPLAINT;
            case DELIVERED:
                return EventEffect.DELIVERED;
            case AUTOREPLY:
            case SUPPRESSED_AT_RELAY:
                return EventEffect.NONE;
            default:
                return bounceEffect(event);
        }
    }

    /**
     * Whether the event is a report whose origin was not verified and the settings say such reports do not
     * count ({@code policy.unverified.suppress=false}): it is stored and counted, but has no effect.
     */
    public boolean ignoredAsUnverified(BounceEvent event) {
        if (settings.unverifiedSuppress() || event.verified()) {
            return false;
        }
        switch (event.source()) {
            case INBOUND_DSN:
            case NONSTANDARD_BOUNCE:
            case COMPLAINT:
            case AUTOREPLY:
                return true;
            default:
                return false;
        }
    }

    private EventEffect bounceEffect(BounceEvent event) {
        Reason reason = reasonOf(event);
        if (reason == Reason.DELIVERED) {
            return EventEffect.DELIVERED;
        }
        if (reason == Reason.DELAYED || reason == Reason.VACATION || reason == Reason.FEEDBACK || reason == Reason.UNDEFINED) {
            return EventEffect.NONE;
        }
        BounceType type = bounceTypeOf(event, reason);
        if (reason.isAddressFailure()) {
            if (type == BounceType.HARD) {
                return EventEffect.HARD_BOUNCE;
            }
            return settings.hardReasonsCountWhenTemporary() ? EventEffect.SOFT_BOUNCE : EventEffect.SENDER_SIDE;
        }
        return settings.softReasons().contains(reason) ? EventEffect.SOFT_BOUNCE : EventEffect.SENDER_SIDE;
    }

    /** The event's reason, {@code undefined} when missing or unknown. */
    static Reason reasonOf(BounceEvent event) {
        if (event.reason() == null || event.reason().isBlank()) {
            return Reason.UNDEFINED;
        }
        try {
            return Reason.fromId(event.reason());
        } catch (IllegalArgumentException e) {
            return Reason.UNDEFINED;
        }
    }

    /** The stated bounce type, else the one that follows from the reason and whether the failure was permanent. */
    static BounceType bounceTypeOf(BounceEvent event, Reason reason) {
        if (event.bounceType() != null) {
            try {
                return BounceType.fromId(event.bounceType().trim());
            } catch (IllegalArgumentException e) {
                // fall through to the derived type
            }
        }
        return reason.bounceType(isPermanent(event));
    }

    private static boolean isPermanent(BounceEvent event) {
        if (event.status() != null && !event.status().isBlank()) {
            return event.status().trim().startsWith("5");
        }
        if (event.replyCode() != null) {
            return event.replyCode() >= 500 && event.replyCode() < 600;
        }
        return event.action() == null || event.action().equalsIgnoreCase("failed");
    }
}
