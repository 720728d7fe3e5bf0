package io.bounceguard.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.bounceguard.classify.report.RecipientEvidence;
import io.bounceguard.classify.rules.Decision;
import io.bounceguard.classify.rules.DiagnosticFacts;
import io.bounceguard.classify.rules.ReasonRules;
import io.bounceguard.classify.text.Addresses;
import io.bounceguard.classify.text.SmtpReply;

/**
 * Turns what a module found about a recipient into a {@link RecipientResult}: the most specific status, the
 * reply code, the reason from the rules and the bounce type.
 */
final class RecipientResolver {

    private final ReasonRules rules;

    RecipientResolver(ReasonRules rules) {
        this.rules = rules;
    }

    RecipientResult resolve(RecipientEvidence e) {
        String text = e.diagnostic() != null ? e.diagnostic() : e.statusText();
        SmtpReply reply = SmtpReply.parse(text != null ? text : e.context());
        Integer replyCode = e.replyCode() != null ? e.replyCode() : reply.replyCode();
        String status = status(e.status(), reply.status());
        String action = e.action();
        Decision decision = decide(e, status, replyCode, text);
        if (decision == null && e.context() != null) {
            decision = decide(e, status, replyCode, e.context());
        }
        Reason reason = decision == null ? null : decision.reason();
        String rule = decision == null ? null : decision.rule();
        if (reason == null) {
            boolean nothing = (text == null || text.isBlank()) && status == null && replyCode == null;
            reason = nothing ? Reason.UNDEFINED : Reason.ONHOLD;
            rule = nothing ? "nothing stated" : "no rule matched";
        }
        if (status == null && decision != null) {
            status = decision.impliedStatus(replyCode);
        }
        boolean permanent = isPermanent(status, replyCode);
        BounceType bounce = reason.bounceType(permanent);
        return new RecipientResult(e.address(), action, status, replyCode, reason, bounce, text,
                e.remoteMta(), e.command(), e.module(), rule);
    }

    private Decision decide(RecipientEvidence e, String status, Integer replyCode, String text) {
        String action = e.action() == null ? "failed" : e.action();
        switch (action) {
            case "delayed":
                return new Decision(Reason.DELAYED, "action delayed");
            case "delivered":
            case "relayed":
            case "expanded":
                return new Decision(Reason.DELIVERED, "action " + action);
            default:
                break;
        }
        List<String> hosts = new ArrayList<>(2);
        String domain = Addresses.domain(e.address());
        if (domain != null) {
            hosts.add(domain);
        }
        if (e.remoteMta() != null) {
            hosts.add(e.remoteMta().toLowerCase(Locale.ROOT));
        }
        boolean named = text != null && namesAddress(text);
        return rules.decide(new DiagnosticFacts(status, replyCode, text, e.command(), hosts, named));
    }

    /** Whether the text holds something shaped like {@code local@domain.tld}. */
    private static boolean namesAddress(String text) {
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            if (at > 0 && isAddressChar(text.charAt(at - 1)) && at + 1 < text.length()
                    && isAddressChar(text.charAt(at + 1)) && text.indexOf('.', at) > at + 1) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAddressChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '+';
    }

    /** The stated code, unless it is generic and the reply carries a precise one. */
    private static String status(String stated, String fromReply) {
        if (stated == null) {
            return fromReply;
        }
        if (SmtpReply.isGeneric(stated) && fromReply != null) {
            return fromReply;
        }
        return stated;
    }

    private static boolean isPermanent(String status, Integer replyCode) {
        if (status != null) {
            return status.charAt(0) != '4';
        }
        return replyCode == null || replyCode >= 500;
    }
}
