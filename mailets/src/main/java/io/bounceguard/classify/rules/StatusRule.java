package io.bounceguard.classify.rules;

import io.bounceguard.classify.Reason;

/**
 * A reason for an enhanced status code. {@code code} is {@code c.s.d}; a class of {@code x} matches 4 and 5.
 * A strong rule is trusted before the text rules (its code is precise enough to beat any wording).
 */
record StatusRule(String code, Reason reason, boolean strong, String origin) {

    boolean matches(String status) {
        if (status == null) {
            return false;
        }
        if (code.charAt(0) == 'x') {
            return status.length() == code.length() && status.regionMatches(1, code, 1, code.length() - 1)
                    && (status.charAt(0) == '4' || status.charAt(0) == '5');
        }
        return code.equals(status);
    }
}
