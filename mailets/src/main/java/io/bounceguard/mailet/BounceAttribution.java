package io.bounceguard.mailet;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.core.MailAddress;

import io.bounceguard.classify.BounceType;
import io.bounceguard.classify.Classification;
import io.bounceguard.classify.MessageKind;
import io.bounceguard.classify.Reason;
import io.bounceguard.classify.RecipientResult;
import io.bounceguard.verp.SignedReturnPath;
import io.bounceguard.verp.SignedReturnPath.Token;
import io.bounceguard.verp.SignedReturnPath.Verification;

/**
 * Decides whom an inbound bounce is about and whether it is verified as ours. With signing off every reported
 * recipient counts (verified). With signing on, a valid signed return path, found among the envelope
 * recipients, as the enclosed original's Return-Path or anywhere in the message, attributes the bounce to
 * exactly the recipient it names, even when the report itself names none or others (a message that is no
 * bounce at all, such as a human reply to the return path, is attributed to nobody); without one, the reported
 * recipients are recorded unverified, except complaints from a trusted feedback-loop reporter.
 */
final class BounceAttribution {
    private static final int MAX_TOKENS_TRIED = 8;
    private static final int MAX_SCANNED_BYTES = 256 * 1024;

    private final SignedReturnPath signedReturnPath;
    private final Pattern tokenPattern;

    BounceAttribution(SignedReturnPath signedReturnPath) {
        this.signedReturnPath = signedReturnPath;
        this.tokenPattern = Pattern.compile("(?i)" + Pattern.quote(signedReturnPath.settings().prefix())
            + "\\+[0-9a-z]{1,12}\\.[0-9a-f]{16}\\+[^\\s<>\"@]+@[a-z0-9.-]+[a-z0-9]");
    }

    /** The recipients to record, their verification, and the original sender domain when a token proves it. */
    record Attribution(List<RecipientResult> recipients, Optional<Boolean> verified, String senderDomain, String failure) {
    }

    Attribution attribute(Classification classification, List<MailAddress> envelopeRecipients, byte[] raw,
                          String reporterDomain, Instant now) {
        if (!signedReturnPath.settings().enabled()) {
            return new Attribution(classification.recipients(), Optional.empty(), null, null);
        }
        Set<String> senderDomains = new LinkedHashSet<>();
        envelopeRecipients.forEach(r -> senderDomains.add(r.getDomain().asString()));
        String firstFailure = null;
        for (Token token : tokens(classification, envelopeRecipients, raw)) {
            Verification verification = signedReturnPath.verify(token, senderDomains, now);
            if (verification.valid()) {
                List<RecipientResult> recipients = classification.kind() == MessageKind.NOTBOUNCE
                    ? List.of() : List.of(resultFor(token.recipient(), classification));
                return new Attribution(recipients, Optional.of(true), verification.senderDomain(), null);
            }
            if (firstFailure == null) {
                firstFailure = verification.failure();
            }
        }
        boolean trustedComplaint = classification.kind() == MessageKind.COMPLAINT && isTrustedReporter(reporterDomain);
        return new Attribution(classification.recipients(), Optional.of(trustedComplaint), null,
            firstFailure == null ? "no signed return path" : firstFailure);
    }

    /** Whether an envelope recipient is shaped like one of our signed return paths. */
    boolean isSignedReturnPath(MailAddress address) {
        return signedReturnPath.settings().enabled() && signedReturnPath.parse(address.asString()).isPresent();
    }

    private List<Token> tokens(Classification classification, List<MailAddress> envelopeRecipients, byte[] raw) {
        Set<String> seen = new LinkedHashSet<>();
        envelopeRecipients.forEach(r -> seen.add(r.asString()));
        if (classification.originalReturnPath() != null) {
            seen.add(classification.originalReturnPath());
        }
        Matcher matcher = tokenPattern.matcher(new String(raw, 0, Math.min(raw.length, MAX_SCANNED_BYTES),
            StandardCharsets.ISO_8859_1));
        while (matcher.find() && seen.size() < MAX_TOKENS_TRIED + envelopeRecipients.size()) {
            seen.add(matcher.group());
        }
        List<Token> tokens = new ArrayList<>();
        for (String candidate : seen) {
            signedReturnPath.parse(candidate).ifPresent(tokens::add);
            if (tokens.size() == MAX_TOKENS_TRIED) {
                break;
            }
        }
        return tokens;
    }

    /** The classifier's result for the token's recipient; else the first result, or an undefined failure. */
    private static RecipientResult resultFor(String recipient, Classification classification) {
        List<RecipientResult> results = classification.recipients();
        Optional<RecipientResult> same = results.stream()
            .filter(r -> recipient.equalsIgnoreCase(r.address()))
            .findFirst();
        if (same.isPresent()) {
            return same.get();
        }
        if (!results.isEmpty()) {
            RecipientResult first = results.get(0);
            return new RecipientResult(recipient, first.action(), first.status(), first.replyCode(), first.reason(),
                first.bounce(), first.diagnostic(), first.remoteMta(), first.smtpCommand(), first.module(), first.rule());
        }
        boolean feedback = classification.kind() == MessageKind.COMPLAINT;
        boolean autoreply = classification.kind() == MessageKind.AUTOREPLY;
        Reason reason = feedback ? Reason.FEEDBACK : autoreply ? Reason.VACATION : Reason.UNDEFINED;
        BounceType bounce = feedback || autoreply ? BounceType.NONE : BounceType.UNDETERMINED;
        return new RecipientResult(recipient, feedback || autoreply ? null : "failed", null, null, reason, bounce,
            null, null, null, "signed-return-path", "attributed by signed return path");
    }

    private boolean isTrustedReporter(String reporterDomain) {
        if (reporterDomain == null) {
            return false;
        }
        String domain = reporterDomain.toLowerCase(Locale.ROOT);
        return signedReturnPath.settings().trustedReporters().stream()
            .anyMatch(trusted -> domain.equals(trusted) || domain.endsWith("." + trusted));
    }
}
