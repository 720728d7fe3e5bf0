package io.bounceguard.policy;

import io.bounceguard.classify.Reason;
import io.bounceguard.store.StoreSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The suppression rules' settings ({@code policy.*} keys), defaulting to SES/Postmark practice: hard bounce
 * and complaint suppress at once and for good; 5 soft bounces aimed at the mailbox within 14 days suppress
 * for 30 days; suppressions go on the global list.
 */
public record PolicySettings(int softThreshold, Duration softWindow, Duration softExpiry, Set<Reason> softReasons,
        boolean hardReasonsCountWhenTemporary, boolean deliveryResetsSoftCount, Duration hardExpiry,
        Duration complaintExpiry, Set<String> ignoredFeedbackTypes, ScopeMode scopeMode, boolean unverifiedSuppress) {

    public static final String SOFT_THRESHOLD = "policy.softBounce.threshold";
    public static final String SOFT_WINDOW = "policy.softBounce.window";
    public static final String SOFT_EXPIRY = "policy.softBounce.expiry";
    public static final String SOFT_REASONS = "policy.softBounce.reasons";
    public static final String SOFT_COUNTS_TEMPORARY_HARD = "policy.softBounce.countTemporaryAddressFailures";
    public static final String SOFT_RESET_BY_DELIVERY = "policy.softBounce.resetOnDelivery";
    public static final String HARD_EXPIRY = "policy.hardBounce.expiry";
    public static final String COMPLAINT_EXPIRY = "policy.complaint.expiry";
    public static final String COMPLAINT_IGNORED = "policy.complaint.ignoredFeedbackTypes";
    public static final String SCOPE_MODE = "policy.scope";
    /**
     * Whether unverified reports (DSNs, non-standard bounces, complaints and auto-replies whose return-path
     * token was missing or invalid) may suppress. Default {@code false}: they are stored and counted only.
     */
    public static final String UNVERIFIED_SUPPRESS = "policy.unverified.suppress";

    /** The reasons that point at the recipient's mailbox and count towards the soft-bounce threshold by default. */
    public static final Set<Reason> DEFAULT_SOFT_REASONS = EnumSet.of(Reason.MAILBOXFULL, Reason.SUSPEND,
            Reason.SYSTEMFULL, Reason.EXCEEDLIMIT, Reason.FILTERED, Reason.EXPIRED, Reason.NETWORKERROR,
            Reason.SYSTEMERROR, Reason.ONHOLD);

    public PolicySettings {
        if (softThreshold < 1) {
            throw new IllegalArgumentException(SOFT_THRESHOLD + " must be at least 1");
        }
        if (softWindow.isNegative() || softWindow.isZero()) {
            throw new IllegalArgumentException(SOFT_WINDOW + " must be longer than zero");
        }
        if (softExpiry == null || softExpiry.isNegative() || softExpiry.isZero()) {
            throw new IllegalArgumentException(SOFT_EXPIRY + " must be longer than zero: a soft-bounce suppression always expires");
        }
        softReasons = Set.copyOf(softReasons);
        ignoredFeedbackTypes = Set.copyOf(ignoredFeedbackTypes);
    }

    /** Where suppressions caused by bounces and complaints go. */
    public enum ScopeMode {
        /** The global list only. */
        GLOBAL,
        /** The list of the original sender's domain only (global when the event has no scope). */
        SENDER_DOMAIN,
        /** Both the global list and the sender domain's list. */
        BOTH
    }

    /** These settings with {@link #UNVERIFIED_SUPPRESS} set to {@code value}. */
    public PolicySettings withUnverifiedSuppress(boolean value) {
        return new PolicySettings(softThreshold, softWindow, softExpiry, softReasons, hardReasonsCountWhenTemporary,
                deliveryResetsSoftCount, hardExpiry, complaintExpiry, ignoredFeedbackTypes, scopeMode, value);
    }

    /**
     * A short digest of every setting the fold depends on, sets in sorted order: a fold state saved under other
     * settings is not resumed (the address is folded again from its logged events).
     */
    public String fingerprint() {
        String canonical = String.join("|", String.valueOf(softThreshold), String.valueOf(softWindow),
                String.valueOf(softExpiry), new TreeSet<>(softReasons).toString(), String.valueOf(hardReasonsCountWhenTemporary),
                String.valueOf(deliveryResetsSoftCount), String.valueOf(hardExpiry), String.valueOf(complaintExpiry),
                new TreeSet<>(ignoredFeedbackTypes).toString(), scopeMode.name(), String.valueOf(unverifiedSuppress));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public static PolicySettings defaults() {
        return new PolicySettings(5, Duration.ofDays(14), Duration.ofDays(30), DEFAULT_SOFT_REASONS, true, true, null,
                null, Set.of("not-spam", "auth-failure"), ScopeMode.GLOBAL, false);
    }

    /** The policy settings in a store settings file; throws {@link IllegalArgumentException} naming a bad value. */
    public static PolicySettings from(StoreSettings settings) {
        PolicySettings d = defaults();
        return new PolicySettings(
                settings.positiveInt(SOFT_THRESHOLD, d.softThreshold()),
                settings.duration(SOFT_WINDOW, d.softWindow()),
                settings.duration(SOFT_EXPIRY, d.softExpiry()),
                settings.text(SOFT_REASONS).map(PolicySettings::reasons).orElse(d.softReasons()),
                settings.bool(SOFT_COUNTS_TEMPORARY_HARD, d.hardReasonsCountWhenTemporary()),
                settings.bool(SOFT_RESET_BY_DELIVERY, d.deliveryResetsSoftCount()),
                optionalDuration(settings, HARD_EXPIRY),
                optionalDuration(settings, COMPLAINT_EXPIRY),
                settings.text(COMPLAINT_IGNORED).map(PolicySettings::words).orElse(d.ignoredFeedbackTypes()),
                settings.text(SCOPE_MODE).map(PolicySettings::scopeMode).orElse(d.scopeMode()),
                settings.bool(UNVERIFIED_SUPPRESS, d.unverifiedSuppress()));
    }

    private static Duration optionalDuration(StoreSettings settings, String key) {
        Optional<String> text = settings.text(key);
        if (text.isEmpty() || text.get().equalsIgnoreCase("never")) {
            return null;
        }
        return settings.duration(key, null);
    }

    private static Set<Reason> reasons(String list) {
        Set<Reason> reasons = EnumSet.noneOf(Reason.class);
        for (String word : words(list)) {
            try {
                reasons.add(Reason.fromId(word));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("setting " + SOFT_REASONS + ": " + e.getMessage());
            }
        }
        return reasons;
    }

    private static Set<String> words(String list) {
        return Arrays.stream(list.split(",")).map(w -> w.trim().toLowerCase(Locale.ROOT)).filter(w -> !w.isEmpty())
                .collect(Collectors.toSet());
    }

    private static ScopeMode scopeMode(String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "global": return ScopeMode.GLOBAL;
            case "sender-domain": return ScopeMode.SENDER_DOMAIN;
            case "both": return ScopeMode.BOTH;
            default: throw new IllegalArgumentException("setting " + SCOPE_MODE + ": '" + value
                    + "' is not one of global, sender-domain, both");
        }
    }
}
