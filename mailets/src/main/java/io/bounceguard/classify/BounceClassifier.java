package io.bounceguard.classify;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

import io.bounceguard.classify.mime.MailMessage;
import io.bounceguard.classify.mime.MessageReader;
import io.bounceguard.classify.mime.ReadLimits;
import io.bounceguard.classify.report.RecipientEvidence;
import io.bounceguard.classify.rules.ReasonRules;

/**
 * Classifies messages that reach the MTA: bounce (RFC 3464 or not), complaint, auto-reply or ordinary mail,
 * with a reason and hard/soft decision per recipient. Thread-safe and immutable after construction.
 */
public final class BounceClassifier {

    /** Module name of results built from a RemoteDelivery failure text. */
    public static final String REMOTE_DELIVERY_MODULE = "remotedelivery";

    private final MessageReader reader;
    private final MessageClassifier messages;
    private final RecipientResolver resolver;

    private BounceClassifier(ReasonRules rules) {
        this.reader = new MessageReader(ReadLimits.DEFAULT);
        this.resolver = new RecipientResolver(rules);
        this.messages = new MessageClassifier(resolver);
    }

    /** A classifier with the shipped rules only. */
    public static BounceClassifier withDefaultRules() {
        return new BounceClassifier(ReasonRules.shipped());
    }

    /** A classifier with the admin rules files, in order, in front of the shipped rules. */
    public static BounceClassifier withRules(List<Path> adminRuleFiles) throws RulesException {
        return new BounceClassifier(ReasonRules.withAdminFiles(adminRuleFiles));
    }

    /** Classifies a raw RFC 5322 message. Never throws: unreadable input gives a safe default with an error. */
    public Classification classify(byte[] rawMessage) {
        if (rawMessage == null) {
            return SafeDefault.of("no message");
        }
        try {
            return messages.classify(reader.read(rawMessage));
        } catch (RuntimeException | StackOverflowError e) {
            return SafeDefault.of("cannot classify: " + e);
        }
    }

    /** Classifies a raw message read from a stream, reading no more than the read limit. Never throws. */
    public Classification classify(InputStream rawMessage) {
        if (rawMessage == null) {
            return SafeDefault.of("no message");
        }
        try {
            MailMessage message = reader.read(rawMessage);
            return messages.classify(message);
        } catch (RuntimeException | StackOverflowError e) {
            return SafeDefault.of("cannot classify: " + e);
        }
    }

    /**
     * Classifies the failure James's RemoteDelivery recorded for one recipient: an SMTP reply such as
     * {@code 550 5.1.1 <a@b>: Recipient address rejected: User unknown}, or James's own texts ("Too many retries
     * failure. Bouncing after 3 retries.", "There are no DNS entries for the hostname ..."). {@code permanent}
     * decides hard or soft when the text carries no code.
     */
    public RecipientResult classifyReply(String recipient, String smtpReplyText, boolean permanent) {
        String address = recipient == null ? null : recipient.strip().toLowerCase(java.util.Locale.ROOT);
        String text = smtpReplyText == null || smtpReplyText.isBlank() ? null : smtpReplyText.strip();
        RecipientEvidence evidence = RecipientEvidence.of(address, "failed", text, REMOTE_DELIVERY_MODULE);
        try {
            RecipientResult result = resolver.resolve(evidence);
            if (result.status() == null && result.replyCode() == null) {
                BounceType bounce = result.reason().bounceType(permanent);
                return new RecipientResult(result.address(), result.action(), null, null, result.reason(), bounce,
                        result.diagnostic(), null, null, REMOTE_DELIVERY_MODULE, result.rule());
            }
            return result;
        } catch (RuntimeException e) {
            return new RecipientResult(address, "failed", null, null, Reason.UNDEFINED, BounceType.UNDETERMINED, text,
                    null, null, REMOTE_DELIVERY_MODULE, "error: " + e);
        }
    }
}
