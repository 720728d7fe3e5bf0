package io.bounceguard.store;

/**
 * A filter over suppression entries: one scope or all, an address-key prefix (search), expired entries or
 * not, and keyset pagination by address key ({@code afterKey}). {@code limit} 0 means no limit (streaming only).
 */
public record SuppressionQuery(boolean everyScope, String scope, String keyPrefix, boolean includeExpired,
        String afterKey, int limit) {

    public static final int MAX_PAGE = 10_000;

    public SuppressionQuery {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
    }

    /** Entries of the global list. */
    public static SuppressionQuery global() {
        return new SuppressionQuery(false, null, null, false, null, 100);
    }

    /** Entries of one sender domain's list ({@code null} = the global list). */
    public static SuppressionQuery inScope(String scope) {
        return new SuppressionQuery(false, scope, null, false, null, 100);
    }

    /** Entries of every list. */
    public static SuppressionQuery allScopes() {
        return new SuppressionQuery(true, null, null, false, null, 100);
    }

    public SuppressionQuery withKeyPrefix(String prefix) {
        return new SuppressionQuery(everyScope, scope, prefix, includeExpired, afterKey, limit);
    }

    public SuppressionQuery withExpired() {
        return new SuppressionQuery(everyScope, scope, keyPrefix, true, afterKey, limit);
    }

    public SuppressionQuery after(String key) {
        return new SuppressionQuery(everyScope, scope, keyPrefix, includeExpired, key, limit);
    }

    public SuppressionQuery withLimit(int max) {
        return new SuppressionQuery(everyScope, scope, keyPrefix, includeExpired, afterKey, max);
    }
}
