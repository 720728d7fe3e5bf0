package io.bounceguard.classify.rules;

import java.util.List;

/** The rules of one file, in file order. */
record RuleSet(String source, List<HostRule> hosts, List<StatusRule> statuses, List<TextRule> texts) {
}
