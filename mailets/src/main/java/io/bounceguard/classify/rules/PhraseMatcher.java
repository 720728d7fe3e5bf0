package io.bounceguard.classify.rules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Queue;

/**
 * An Aho-Corasick automaton over lower-case literal phrases: one pass over a text finds every phrase it
 * contains. Immutable and thread-safe once built.
 */
final class PhraseMatcher {

    private final char[][] keys;
    private final int[][] targets;
    private final int[] fail;
    private final int[][] outputs;
    private final int phraseCount;

    private PhraseMatcher(char[][] keys, int[][] targets, int[] fail, int[][] outputs, int phraseCount) {
        this.keys = keys;
        this.targets = targets;
        this.fail = fail;
        this.outputs = outputs;
        this.phraseCount = phraseCount;
    }

    /** Builds the automaton; phrase {@code i} is reported as id {@code i}. */
    static PhraseMatcher build(List<String> phrases) {
        List<StringBuilder> keyLists = new ArrayList<>();
        List<List<Integer>> targetLists = new ArrayList<>();
        List<List<Integer>> outLists = new ArrayList<>();
        keyLists.add(new StringBuilder());
        targetLists.add(new ArrayList<>());
        outLists.add(new ArrayList<>());
        for (int id = 0; id < phrases.size(); id++) {
            String phrase = phrases.get(id);
            int node = 0;
            for (int i = 0; i < phrase.length(); i++) {
                char c = phrase.charAt(i);
                int next = find(keyLists.get(node), targetLists.get(node), c);
                if (next < 0) {
                    next = keyLists.size();
                    keyLists.add(new StringBuilder());
                    targetLists.add(new ArrayList<>());
                    outLists.add(new ArrayList<>());
                    keyLists.get(node).append(c);
                    targetLists.get(node).add(next);
                }
                node = next;
            }
            outLists.get(node).add(id);
        }
        int n = keyLists.size();
        char[][] keys = new char[n][];
        int[][] targets = new int[n][];
        for (int node = 0; node < n; node++) {
            sortEdges(keyLists.get(node), targetLists.get(node), keys, targets, node);
        }
        int[] fail = new int[n];
        Queue<Integer> queue = new ArrayDeque<>();
        for (int t : targets[0]) {
            fail[t] = 0;
            queue.add(t);
        }
        while (!queue.isEmpty()) {
            int node = queue.remove();
            for (int e = 0; e < keys[node].length; e++) {
                char c = keys[node][e];
                int child = targets[node][e];
                int f = fail[node];
                int step = step(keys, targets, f, c);
                while (step < 0 && f != 0) {
                    f = fail[f];
                    step = step(keys, targets, f, c);
                }
                fail[child] = step < 0 || step == child ? 0 : step;
                outLists.get(child).addAll(outLists.get(fail[child]));
                queue.add(child);
            }
        }
        int[][] outputs = new int[n][];
        for (int node = 0; node < n; node++) {
            outputs[node] = outLists.get(node).stream().mapToInt(Integer::intValue).distinct().toArray();
        }
        return new PhraseMatcher(keys, targets, fail, outputs, phrases.size());
    }

    /** The ids of every phrase found in {@code text} (which must already be lower-case). */
    BitSet find(CharSequence text) {
        BitSet found = new BitSet(phraseCount);
        int node = 0;
        for (int i = 0, len = text.length(); i < len; i++) {
            char c = text.charAt(i);
            int next = step(keys, targets, node, c);
            while (next < 0 && node != 0) {
                node = fail[node];
                next = step(keys, targets, node, c);
            }
            node = next < 0 ? 0 : next;
            for (int id : outputs[node]) {
                found.set(id);
            }
        }
        return found;
    }

    private static int step(char[][] keys, int[][] targets, int node, char c) {
        char[] k = keys[node];
        if (k.length < 8) {
            for (int i = 0; i < k.length; i++) {
                if (k[i] == c) {
                    return targets[node][i];
                }
            }
            return -1;
        }
        int at = Arrays.binarySearch(k, c);
        return at < 0 ? -1 : targets[node][at];
    }

    private static int find(StringBuilder keys, List<Integer> targets, char c) {
        for (int i = 0; i < keys.length(); i++) {
            if (keys.charAt(i) == c) {
                return targets.get(i);
            }
        }
        return -1;
    }

    private static void sortEdges(StringBuilder keyList, List<Integer> targetList, char[][] keys, int[][] targets,
                                  int node) {
        Integer[] order = new Integer[keyList.length()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Character.compare(keyList.charAt(a), keyList.charAt(b)));
        keys[node] = new char[order.length];
        targets[node] = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            keys[node][i] = keyList.charAt(order[i]);
            targets[node][i] = targetList.get(order[i]);
        }
    }
}
