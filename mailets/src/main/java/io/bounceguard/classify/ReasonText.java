package io.bounceguard.classify;

/** Human text for a reason in one language: a short label, what it means, and what the sender should do. */
public record ReasonText(String label, String meaning, String action) {
}
