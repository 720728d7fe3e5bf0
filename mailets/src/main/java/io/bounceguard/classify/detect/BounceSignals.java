package io.bounceguard.classify.detect;

import java.util.Locale;

import io.bounceguard.classify.format.NoticeText;
import io.bounceguard.classify.mime.Headers;
import io.bounceguard.classify.text.Addresses;

/** Header and wording signals that a message is a delivery-failure notice written by a mail system. */
final class BounceSignals {

    private static final String[] SYSTEM_LOCAL_PARTS = {"mailer-daemon", "postmaster", "mdaemon", "mail-daemon",
        "maildaemon", "mailerdaemon", "mail.daemon"};
    private static final String[] SYSTEM_NAMES = {"mail delivery", "mailer-daemon", "mailer daemon", "postmaster",
        "system administrator",
        "メール配信システム", "メール配送システム"};
    /** Broad words that make a subject a failure notice only when a mail system sent it. */
    private static final String[] SYSTEM_FAILURE_SUBJECTS = {"fail", "error", "returned"};
    private static final String[] FAILURE_SUBJECTS = {"undeliver", "returned mail", "failure notice",
        "delivery failure", "delivery status notification", "delivery failed", "not delivered", "could not be delivered",
        "mail system error", "nondeliverable", "non-delivery", "unzustellbar", "non remis", "no entregado",
        "niet bezorgd", "returned to sender", "could not send message", "delivery notification", "delivery problem",
        "配信不能", "配送エラー", "配信エラー", "返送", "不達", "宛先不明", "配信失敗", "配送失敗", "エラーメール",
        "届きません", "配信できません", "配送できません"};
    private static final String[] FAILURE_PHRASES = {"could not be delivered", "could not deliver", "was not delivered",
        "wasn't able to deliver", "unable to deliver", "undeliverable", "permanent fatal errors", "failed permanently",
        "delivery has failed", "did not reach", "did not receive this message", "has not yet been delivered",
        "returned because", "not be delivered", "no mailbox here", "could not reach", "delivery failed",
        "has been returned because", "was returned because", "failed recipients", "konnte nicht zugestellt werden", "配信できませんでした",
        "配送できませんでした", "届きませんでした", "配信されませんでした", "配信に失敗", "送信できませんでした"};

    private static final String[] REPLY_PREFIXES = {"re:", "re ", "fw:", "fwd:", "aw:", "wg:", "tr:", "sv:",
        "返信:", "転送:"};

    private BounceSignals() {
    }

    /** From a mail system rather than a person: MAILER-DAEMON, postmaster and the like, or a null return path. */
    static boolean fromMailSystem(Headers headers) {
        String from = headers.lower("From");
        String address = Addresses.first(from);
        if (address != null) {
            String local = address.substring(0, address.indexOf('@'));
            for (String system : SYSTEM_LOCAL_PARTS) {
                if (local.equals(system)) {
                    return true;
                }
            }
        } else if (from.contains("mailer-daemon") || from.contains("postmaster")) {
            return true;
        }
        for (String name : SYSTEM_NAMES) {
            if (from.contains(name)) {
                return true;
            }
        }
        return false;
    }

    static boolean hasNullReturnPath(Headers headers) {
        String rp = headers.first("Return-Path");
        if (rp == null) {
            return false;
        }
        for (int i = 0; i < rp.length(); i++) {
            char c = rp.charAt(i);
            if (c != '<' && c != '>' && !Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    static boolean hasFailedRecipientsHeader(Headers headers) {
        return headers.has("X-Failed-Recipients");
    }

    /** A subject that names a delivery failure; {@code fromSystem} also accepts the broad words. */
    static boolean failureSubject(String subject, boolean fromSystem) {
        String s = subject.toLowerCase(Locale.ROOT);
        for (String phrase : FAILURE_SUBJECTS) {
            if (s.contains(phrase)) {
                return true;
            }
        }
        if (fromSystem) {
            for (String phrase : SYSTEM_FAILURE_SUBJECTS) {
                if (s.contains(phrase)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A subject that answers or forwards another message ({@code Re:}, {@code Fwd:}, {@code AW:} ...). */
    static boolean isReplyOrForward(String subject) {
        String s = subject.strip().toLowerCase(Locale.ROOT);
        for (String prefix : REPLY_PREFIXES) {
            if (s.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    static boolean failureWording(NoticeText notice) {
        for (String phrase : FAILURE_PHRASES) {
            if (notice.contains(phrase)) {
                return true;
            }
        }
        return false;
    }
}
