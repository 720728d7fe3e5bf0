package io.bounceguard.policy;

/** The 64-bit hash of a (stored scope, address key) pair used by the lookup snapshot: FNV-1a then a MurmurHash3 finaliser. */
public final class AddressHash {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private AddressHash() {
    }

    public static long of(String storedScope, String addressKey) {
        long h = OFFSET;
        for (int i = 0; i < storedScope.length(); i++) {
            h = (h ^ storedScope.charAt(i)) * PRIME;
        }
        h = (h ^ 0xFFFF) * PRIME;
        for (int i = 0; i < addressKey.length(); i++) {
            h = (h ^ addressKey.charAt(i)) * PRIME;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
