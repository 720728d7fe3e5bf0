package io.bounceguard.policy;

import io.bounceguard.store.AddressNormalizer;
import io.bounceguard.store.NormalizedAddress;
import io.bounceguard.store.Scopes;
import java.util.Optional;

/**
 * The relay's lookup: answers from the in-memory snapshot, never from the database. An address that cannot
 * be normalised is never suppressed.
 */
public final class SuppressionList {
    private final SuppressionSnapshot snapshot;
    private final AddressNormalizer normalizer;

    public SuppressionList(SuppressionSnapshot snapshot, AddressNormalizer normalizer) {
        this.snapshot = snapshot;
        this.normalizer = normalizer;
    }

    /** True if the address is suppressed globally or in {@code scope} (a sender domain; null = global only). */
    public boolean isSuppressed(String address, String scope) {
        Optional<NormalizedAddress> key = normalizer.tryNormalize(address);
        if (key.isEmpty()) {
            return false;
        }
        String addressKey = key.get().key();
        if (snapshot.contains(Scopes.GLOBAL, addressKey)) {
            return true;
        }
        if (scope == null || scope.isBlank()) {
            return false;
        }
        String storedScope;
        try {
            storedScope = normalizer.normalizeDomain(scope);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return snapshot.contains(storedScope, addressKey);
    }

    /** Suppressions in the snapshot (entries in force or expired since the last purge). */
    public int size() {
        return snapshot.size();
    }
}
