package io.bounceguard.mailet;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import io.bounceguard.verp.SignedReturnPath;

/**
 * Matches mail that may be a bounce, a complaint or an auto-reply, from cheap structural signals:
 * a null reverse path, a {@code multipart/report} body, bounce and auto-reply headers, or a
 * MAILER-DAEMON / postmaster author, or an envelope recipient that is one of our signed return paths.
 * It does not depend on the reverse path alone, because many auto-replies and some bounces carry a
 * real sender. The classifying mailet behind it decides.
 */
public class IsBounceCandidate extends GenericMatcher {
    private static final List<String> MARKER_HEADERS = List.of(
        "X-Failed-Recipients", "X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress-Bounce");
    private static final List<String> AUTHOR_LOCAL_PARTS = List.of("mailer-daemon", "postmaster");

    private final SignedReturnPath signedReturnPath;

    @Inject
    public IsBounceCandidate(SignedReturnPath signedReturnPath) {
        this.signedReturnPath = signedReturnPath;
    }

    @Override
    public Collection<org.apache.james.core.MailAddress> match(Mail mail) throws MessagingException {
        return isCandidate(mail) ? mail.getRecipients() : List.of();
    }

    private boolean isCandidate(Mail mail) throws MessagingException {
        if (mail.getMaybeSender().isNullSender() || isToSignedReturnPath(mail)) {
            return true;
        }
        MimeMessage message = mail.getMessage();
        return isReport(message.getContentType())
            || hasMarkerHeader(message)
            || isAutoSubmitted(message)
            || hasDaemonAuthor(message);
    }

    private boolean isToSignedReturnPath(Mail mail) {
        return signedReturnPath.settings().enabled() && mail.getRecipients().stream()
            .anyMatch(recipient -> signedReturnPath.parse(recipient.asString()).isPresent());
    }

    private static boolean isReport(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/report");
    }

    private static boolean hasMarkerHeader(MimeMessage message) throws MessagingException {
        for (String header : MARKER_HEADERS) {
            if (message.getHeader(header) != null) {
                return true;
            }
        }
        String precedence = message.getHeader("Precedence", ",");
        return precedence != null && precedence.toLowerCase(Locale.ROOT).contains("auto_reply");
    }

    private static boolean isAutoSubmitted(MimeMessage message) throws MessagingException {
        String value = message.getHeader("Auto-Submitted", ",");
        return value != null && !value.trim().toLowerCase(Locale.ROOT).startsWith("no");
    }

    private static boolean hasDaemonAuthor(MimeMessage message) throws MessagingException {
        String from = message.getHeader("From", ",");
        if (from == null) {
            return false;
        }
        String lower = from.toLowerCase(Locale.ROOT);
        return AUTHOR_LOCAL_PARTS.stream().anyMatch(lower::contains);
    }
}
