package io.bounceguard.policy;

/** What one event means for the suppression of its recipient. */
public enum EventEffect {
    /** A permanent failure of the address: suppress at once. */
    HARD_BOUNCE,
    /** A temporary failure pointing at the recipient's mailbox: counts towards the soft-bounce threshold. */
    SOFT_BOUNCE,
    /** A failure aimed at the sender or the message: counted for ops, never suppresses the recipient. */
    SENDER_SIDE,
    /** A complaint against our mail: suppress at once. */
    COMPLAINT,
    /** A successful delivery: the mailbox is alive, soft-bounce counts restart. */
    DELIVERED,
    /** An operator or an import put the address on a list. */
    MANUAL_SUPPRESS,
    /** An operator took the address off a list. */
    MANUAL_REMOVE,
    /** Nothing for the policy (auto-replies, delays, undetermined failures, not-spam reports...). */
    NONE
}
