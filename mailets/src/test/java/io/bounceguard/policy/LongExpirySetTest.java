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
    void zeroIsAnOrdinaryHashAndHeapStaysCompact() {
        LongExpirySet set = new LongExpirySet(1_000_000);
        set.put(0L, 0);
        assertThat(set.contains(0L, 1)).isTrue();
        assertThat(set.memoryBytes()).isLessThanOrEqualTo(32L * 1024 * 1024);
    }
}
