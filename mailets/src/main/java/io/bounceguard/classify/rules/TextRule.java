package io.bounceguard.classify.rules;

import java.util.List;
import java.util.regex.Pattern;

import io.bounceguard.classify.Reason;

/**
 * Phrases (normalised literals) and regular expressions that name a reason in a reply or notice text, and the
 * enhanced status code the text implies ({@code x.1.1}), or null.
 */
record TextRule(Reason reason, List<String> phrases, List<Pattern> patterns, String implies, String origin) {
}
