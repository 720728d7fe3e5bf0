package io.bounceguard.classify.rules;

import java.util.LinkedHashMap;
import java.util.Map;

/** A bounded, thread-safe LRU map from a diagnostic text to the text rule it matched (or none). */
final class DecisionCache {

    static final int NO_MATCH = -1;

    private final Map<String, Integer> entries;

    DecisionCache(int capacity) {
        this.entries = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Integer get(String key) {
        return entries.get(key);
    }

    synchronized void put(String key, int ruleIndex) {
        entries.put(key, ruleIndex);
    }
}
