package io.bounceguard.classify;

import java.util.Locale;

/**
 * Why a recipient bounced. Names follow Sisimai's reason names so that results can be compared.
 * The first six are address failures: hard when permanent, soft when temporary.
 */
public enum Reason {
    USERUNKNOWN(true), HOSTUNKNOWN(true), ADDRESSSYNTAX(true), HASMOVED(true), NOTACCEPT(true), SUPPRESSED(true),
    SUSPEND, MAILBOXFULL, SYSTEMFULL, MESGTOOBIG, EXCEEDLIMIT, FILTERED, REJECTED, BLOCKED, BADREPUTATION,
    POLICYVIOLATION, SPAMDETECTED, VIRUSDETECTED, CONTENTERROR, AUTHFAILURE, REQUIREPTR, NORELAYING,
    SECURITYERROR, FAILEDSTARTTLS, TOOMANYCONN, SPEEDING, SYSTEMERROR, MAILERERROR, NETWORKERROR, EXPIRED,
    NOTCOMPLIANTRFC, SYNTAXERROR, ONHOLD, UNDEFINED, DELAYED, DELIVERED, VACATION, FEEDBACK;

    private final boolean addressFailure;

    Reason() {
        this(false);
    }

    Reason(boolean addressFailure) {
        this.addressFailure = addressFailure;
    }

    /** The lower-case name used in rules files, JSON and the store. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a reason name; throws {@link IllegalArgumentException} naming the bad value. */
    public static Reason fromId(String id) {
        try {
            return valueOf(id.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown reason '" + id + "'");
        }
    }

    /** True for the reasons that say the address itself is dead when the failure is permanent. */
    public boolean isAddressFailure() {
        return addressFailure;
    }

    /** The bounce type of this reason, given whether the failure was permanent. */
    public BounceType bounceType(boolean permanent) {
        switch (this) {
            case DELAYED:
            case DELIVERED:
            case VACATION:
            case FEEDBACK:
                return BounceType.NONE;
            case ONHOLD:
            case UNDEFINED:
                return BounceType.UNDETERMINED;
            default:
                return addressFailure && permanent ? BounceType.HARD : BounceType.SOFT;
        }
    }
}
