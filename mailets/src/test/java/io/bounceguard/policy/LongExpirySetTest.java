package io.bounceguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongExpirySetTest {
    @Test
    void behavesLikeAMapUnderRandomPutsRemovesAndGrowth() {
        LongExpirySet set = new LongExpirySet(16);
        Map<Long, Long> reference = new HashMap<>();
        Random random = new Random(7);
        long now = 1_000_000;
        for (int i = 0; i < 200_000; i++) {
            long hash = random.nextInt(20_000) * 0x9E3779B97F4A7C15L;
            if (random.nextInt(3) == 0) {
                assertThat(set.remove(hash)).isEqualTo(reference.remove(hash) != null);
            } else {
                long expiry = random.nextBoolean() ? 0 : now - 100 + random.nextInt(200);
                set.put(hash, expiry);
                reference.put(hash, expiry);
            }
        }
        assertThat(set.size()).isEqualTo(reference.size());
        for (int i = 0; i < 20_000; i++) {
            long hash = i * 0x9E3779B97F4A7C15L;
            Long expiry = reference.get(hash);
            boolean expected = expiry != null && (expiry == 0 || expiry > now);
            assertThat(set.contains(hash, now)).as("hash %d", i).isEqualTo(expected);
        }
        int expired = (int) reference.values().stream().filter(e -> e != 0 && e <= now).count();
        assertThat(set.purgeExpired(now)).isEqualTo(expired);
        assertThat(set.size()).isEqualTo(reference.size() - expired);
    }

    @Test
    void aWrittenSetReadsBackTheSame() throws java.io.IOException {
        LongExpirySet set = new LongExpirySet(16);
        Random random = new Random(11);
        Map<Long, Long> reference = new HashMap<>();
        for (int i = 0; i < 5_000; i++) {
            long hash = random.nextLong();
            long expiry = random.nextBoolean() ? 0 : 2_000_000 + random.nextInt(1000);
            set.put(hash, expiry);
            reference.put(hash, expiry);
        }
        set.put(0L, 0);
        reference.put(0L, 0L);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            set.writeTo(out);
        }
        LongExpirySet read = LongExpirySet.readFrom(new java.io.DataInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray())));
        assertThat(read.size()).isEqualTo(set.size());
        reference.forEach((hash, expiry) -> {
            assertThat(read.contains(hash, 1_999_999)).isTrue();
            assertThat(read.contains(hash, 2_001_000)).isEqualTo(expiry == 0);
        });
        assertThat(read.contains(12345L, 0)).isFalse();
    }

    @Test
    void zeroIsAnOrdinaryHashAndHeapStaysCompact() {
        LongExpirySet set = new LongExpirySet(1_000_000);
        set.put(0L, 0);
        assertThat(set.contains(0L, 1)).isTrue();
        assertThat(set.memoryBytes()).isLessThanOrEqualTo(32L * 1024 * 1024);
    }
}
