package io.bounceguard.policy;

import java.util.concurrent.locks.StampedLock;

/**
 * A compact set of 64-bit hashes, each with an expiry in epoch seconds (0 = never): open addressing with
 * linear probing and backward-shift deletion, 12 bytes per slot, load factor at most 0.75. Reads take an
 * optimistic lock and never block on each other; writes are serialised.
 */
public final class LongExpirySet {
    private static final long EMPTY = 0L;
    private static final int MIN_CAPACITY = 16;

    private final StampedLock lock = new StampedLock();
    private long[] keys;
    private int[] expiries;
    private int size;

    public LongExpirySet(int expectedSize) {
        allocate(capacityFor(expectedSize));
    }

    private static int capacityFor(int expectedSize) {
        long needed = Math.max(MIN_CAPACITY, (long) Math.ceil(expectedSize / 0.75));
        long capacity = Long.highestOneBit(needed - 1) << 1;
        if (capacity > (1 << 30)) {
            throw new IllegalArgumentException("too many entries: " + expectedSize);
        }
        return (int) capacity;
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        expiries = new int[capacity];
        size = 0;
    }

    /** True when {@code hash} is in the set and not expired at {@code nowSeconds}. */
    public boolean contains(long hash, long nowSeconds) {
        long key = nonZero(hash);
        long stamp = lock.tryOptimisticRead();
        int expiry = probe(key);
        if (!lock.validate(stamp)) {
            stamp = lock.readLock();
            try {
                expiry = probe(key);
            } finally {
                lock.unlockRead(stamp);
            }
        }
        return expiry == 0 || (expiry != -1 && Integer.toUnsignedLong(expiry) > nowSeconds);
    }

    /** The expiry stored for the key, -1 when absent. Reads fields that a writer may change: callers validate. */
    private int probe(long key) {
        long[] k = keys;
        int[] e = expiries;
        int mask = k.length - 1;
        if (e.length != k.length) {
            return -1;
        }
        int slot = mix(key) & mask;
        for (int probes = 0; probes <= mask; probes++) {
            long found = k[slot];
            if (found == key) {
                return e[slot];
            }
            if (found == EMPTY) {
                return -1;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /** Adds or replaces {@code hash} with an expiry in epoch seconds (0 = never). */
    public void put(long hash, long expiryEpochSeconds) {
        long stamp = lock.writeLock();
        try {
            insert(nonZero(hash), encode(expiryEpochSeconds));
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private void insert(long key, int expiry) {
        if ((size + 1) > keys.length * 3L / 4) {
            grow();
        }
        int mask = keys.length - 1;
        int slot = mix(key) & mask;
        while (keys[slot] != EMPTY) {
            if (keys[slot] == key) {
                expiries[slot] = expiry;
                return;
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        expiries[slot] = expiry;
        size++;
    }

    /** Removes {@code hash}; returns whether it was present. */
    public boolean remove(long hash) {
        long stamp = lock.writeLock();
        try {
            return delete(nonZero(hash));
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private boolean delete(long key) {
        int mask = keys.length - 1;
        int slot = mix(key) & mask;
        while (keys[slot] != key) {
            if (keys[slot] == EMPTY) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        int gap = slot;
        int next = (gap + 1) & mask;
        while (keys[next] != EMPTY) {
            int home = mix(keys[next]) & mask;
            boolean movable = gap <= next ? (home <= gap || home > next) : (home <= gap && home > next);
            if (movable) {
                keys[gap] = keys[next];
                expiries[gap] = expiries[next];
                gap = next;
            }
            next = (next + 1) & mask;
        }
        keys[gap] = EMPTY;
        expiries[gap] = 0;
        size--;
        return true;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldExpiries = expiries;
        allocate(oldKeys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                insert(oldKeys[i], oldExpiries[i]);
            }
        }
    }

    /** Drops every entry expired at {@code nowSeconds}; returns how many were dropped. */
    public int purgeExpired(long nowSeconds) {
        long stamp = lock.writeLock();
        try {
            int dropped = 0;
            for (int i = 0; i < keys.length; i++) {
                while (keys[i] != EMPTY && expiries[i] != 0 && Integer.toUnsignedLong(expiries[i]) <= nowSeconds) {
                    delete(keys[i]);
                    dropped++;
                }
            }
            return dropped;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    public int size() {
        long stamp = lock.readLock();
        try {
            return size;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Bytes held by the two slot arrays. */
    public long memoryBytes() {
        long stamp = lock.readLock();
        try {
            return keys.length * 12L;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Writes the entries (count, then key and encoded expiry pairs) to {@code out}. */
    public void writeTo(java.io.DataOutputStream out) throws java.io.IOException {
        long stamp = lock.readLock();
        try {
            out.writeInt(size);
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] != EMPTY) {
                    out.writeLong(keys[i]);
                    out.writeInt(expiries[i]);
                }
            }
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Reads a set written by {@link #writeTo}. */
    public static LongExpirySet readFrom(java.io.DataInputStream in) throws java.io.IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new java.io.IOException("bad entry count " + count);
        }
        LongExpirySet set = new LongExpirySet(Math.max(16, count));
        for (int i = 0; i < count; i++) {
            long key = in.readLong();
            int expiry = in.readInt();
            set.insert(nonZero(key), expiry);
        }
        return set;
    }

    private static long nonZero(long hash) {
        return hash == EMPTY ? 1L : hash;
    }

    private static int encode(long expiryEpochSeconds) {
        if (expiryEpochSeconds <= 0) {
            return 0;
        }
        return (int) Math.min(expiryEpochSeconds, 0xFFFF_FFFFL);
    }

    private static int mix(long key) {
        return (int) (key ^ (key >>> 32));
    }
}
