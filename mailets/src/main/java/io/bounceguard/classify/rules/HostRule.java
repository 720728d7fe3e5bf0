package io.bounceguard.classify.rules;

import java.util.List;

import io.bounceguard.classify.Reason;

/**
 * A rule that applies only to mail for a given receiver (matched on the recipient domain or the remote MTA),
 * optionally only at a given SMTP command or only when the reply names no address. Host names in the facts are
 * lower-case.
 */
record HostRule(List<String> domains, String command, Boolean replyNamesAddress, TextRule text) {

    Reason reason() {
        return text.reason();
    }

    boolean appliesTo(DiagnosticFacts facts) {
        if (command != null && (facts.command() == null || !command.equalsIgnoreCase(facts.command()))) {
            return false;
        }
        if (replyNamesAddress != null && replyNamesAddress != facts.replyNamesAddress()) {
            return false;
        }
        for (String h : facts.hosts()) {
            if (h == null) {
                continue;
            }
            for (String domain : domains) {
                if (h.equals(domain) || isSubdomain(h, domain)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isSubdomain(String host, String domain) {
        int dot = host.length() - domain.length() - 1;
        return dot >= 0 && host.charAt(dot) == '.' && host.endsWith(domain);
    }
}
