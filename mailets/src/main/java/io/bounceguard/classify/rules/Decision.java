package io.bounceguard.classify.rules;

import io.bounceguard.classify.Reason;

/** The reason the rules chose and a short name of the rule that chose it ({@code file:line kind}). */
public record Decision(Reason reason, String rule) {
}
