package io.bounceguard.classify.rules;

import java.util.List;
import java.util.regex.Pattern;

import io.bounceguard.classify.Reason;

/** Phrases (lower-case literals) and regular expressions that name a reason in a reply or notice text. */
record TextRule(Reason reason, List<String> phrases, List<Pattern> patterns, String origin) {
}
