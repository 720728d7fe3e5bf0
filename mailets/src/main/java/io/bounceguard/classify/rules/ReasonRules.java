package io.bounceguard.classify.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.regex.Pattern;

import io.bounceguard.classify.Reason;
import io.bounceguard.classify.RulesException;

/**
 * The ordered reason rules of the shipped file with any admin files in front. Order of decision: host rules,
 * strong status rules, text rules (the first listed rule whose phrase or pattern matches), other status rules.
 * All patterns are compiled at load; literal phrases go into one automaton; the text rule found for a text is
 * kept in an LRU cache keyed by the text as given. Immutable and thread-safe.
 */
public final class ReasonRules {

    /** Classpath location of the shipped rules. */
    public static final String SHIPPED = "/io/bounceguard/classify/reason-rules.yaml";

    private final List<HostRule> hosts;
    private final List<StatusRule> statuses;
    private final List<TextRule> texts;
    private final PhraseMatcher phrases;
    private final int[] phraseRule;
    private final DecisionCache cache = new DecisionCache(4096);

    private ReasonRules(List<RuleSet> sets) {
        List<HostRule> h = new ArrayList<>();
        List<StatusRule> s = new ArrayList<>();
        List<TextRule> t = new ArrayList<>();
        for (RuleSet set : sets) {
            h.addAll(set.hosts());
            s.addAll(set.statuses());
            t.addAll(set.texts());
        }
        this.hosts = List.copyOf(h);
        this.statuses = List.copyOf(s);
        this.texts = List.copyOf(t);
        List<String> all = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            for (String phrase : texts.get(i).phrases()) {
                all.add(phrase);
                owner.add(i);
            }
        }
        this.phrases = PhraseMatcher.build(all);
        this.phraseRule = owner.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The shipped rules only. */
    public static ReasonRules shipped() {
        try {
            return new ReasonRules(List.of(loadShipped()));
        } catch (RulesException e) {
            throw new IllegalStateException("the shipped rules file is broken: " + e.getMessage(), e);
        }
    }

    /** The admin files, in the given order, in front of the shipped rules. */
    public static ReasonRules withAdminFiles(List<Path> adminFiles) throws RulesException {
        List<RuleSet> sets = new ArrayList<>();
        for (Path file : adminFiles) {
            try (InputStream in = Files.newInputStream(file)) {
                sets.add(RulesLoader.load(in, file.toString()));
            } catch (IOException e) {
                throw new RulesException(file.toString(), 0, "cannot read: " + e.getMessage(), e);
            }
        }
        sets.add(loadShipped());
        return new ReasonRules(sets);
    }

    private static RuleSet loadShipped() throws RulesException {
        try (InputStream in = ReasonRules.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new RulesException(SHIPPED, 0, "missing from the classpath", null);
            }
            return RulesLoader.load(in, "reason-rules.yaml");
        } catch (IOException e) {
            throw new RulesException(SHIPPED, 0, "cannot read: " + e.getMessage(), e);
        }
    }

    /** The reason the rules give for these facts, or null when no rule matches. */
    public Decision decide(DiagnosticFacts facts) {
        String raw = facts.text() == null ? "" : facts.text();
        String text = null;
        for (HostRule rule : hosts) {
            if (!rule.appliesTo(facts)) {
                continue;
            }
            if (text == null) {
                text = TextNormalizer.normalise(raw);
            }
            if (matches(rule.text(), text)) {
                return new Decision(rule.reason(), rule.text().origin(), rule.text().implies());
            }
        }
        for (StatusRule rule : statuses) {
            if (rule.strong() && rule.matches(facts.status())) {
                return new Decision(rule.reason(), rule.origin());
            }
        }
        if (!raw.isEmpty()) {
            int index = textRuleIndex(raw, text);
            if (index != DecisionCache.NO_MATCH) {
                TextRule rule = texts.get(index);
                return new Decision(rule.reason(), rule.origin(), rule.implies());
            }
        }
        for (StatusRule rule : statuses) {
            if (rule.matches(facts.status())) {
                return new Decision(rule.reason(), rule.origin());
            }
        }
        return null;
    }

    /** Every reason some rule (host, status or text) can give. */
    public Set<Reason> coveredReasons() {
        Set<Reason> out = EnumSet.noneOf(Reason.class);
        hosts.forEach(r -> out.add(r.reason()));
        statuses.forEach(r -> out.add(r.reason()));
        texts.forEach(r -> out.add(r.reason()));
        return out;
    }

    /**
     * The first text rule that matches, cached by the text as given: the same text always normalises the same
     * way, so a hit costs no normalisation. {@code normalised} is the normalised text when already made, or null.
     */
    private int textRuleIndex(String raw, String normalised) {
        Integer cached = cache.get(raw);
        if (cached != null) {
            return cached;
        }
        int index = firstMatchingRule(normalised != null ? normalised : TextNormalizer.normalise(raw));
        cache.put(raw, index);
        return index;
    }

    private int firstMatchingRule(String normalised) {
        if (normalised.isEmpty()) {
            return DecisionCache.NO_MATCH;
        }
        int best = Integer.MAX_VALUE;
        BitSet found = phrases.find(normalised);
        for (int id = found.nextSetBit(0); id >= 0; id = found.nextSetBit(id + 1)) {
            best = Math.min(best, phraseRule[id]);
        }
        int limit = Math.min(best, texts.size());
        for (int i = 0; i < limit; i++) {
            if (anyPattern(texts.get(i).patterns(), normalised)) {
                best = i;
                break;
            }
        }
        return best == Integer.MAX_VALUE ? DecisionCache.NO_MATCH : best;
    }

    private static boolean matches(TextRule rule, String normalised) {
        for (String phrase : rule.phrases()) {
            if (normalised.contains(phrase)) {
                return true;
            }
        }
        return anyPattern(rule.patterns(), normalised);
    }

    private static boolean anyPattern(List<Pattern> patterns, String normalised) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(normalised).find()) {
                return true;
            }
        }
        return false;
    }
}
