package io.bounceguard.classify.rules;

import io.bounceguard.classify.Reason;

/**
 * The reason the rules chose, the name of the rule ({@code file:line kind}) and the status code the matched text
 * implies ({@code x.1.1}, class to be filled from the reply code), or null.
 */
public record Decision(Reason reason, String rule, String impliedStatus) {

    public Decision(Reason reason, String rule) {
        this(reason, rule, null);
    }

    /** The implied code with the class of the reply code, or null. */
    public String impliedStatus(Integer replyCode) {
        if (impliedStatus == null || replyCode == null) {
            return null;
        }
        int c = replyCode / 100;
        return c == 4 || c == 5 ? c + impliedStatus.substring(1) : null;
    }
}
