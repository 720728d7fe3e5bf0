package io.bounceguard.classify.detect;

import java.util.Locale;

import io.bounceguard.classify.mime.Headers;

/**
 * RFC 3834 and vendor signals of an automatic reply (vacation, out-of-office, acknowledgement). An
 * {@code Auto-Submitted: auto-generated} header counts only together with a reference to a message we sent.
 */
final class AutoReplySignals {

    private static final String[] SUBJECT_PREFIXES = {"auto:", "automatic reply", "autoreply", "auto-reply",
        "auto reply", "out of office", "out of the office", "abwesenheitsnotiz", "réponse automatique",
        "respuesta automática", "自動応答", "自動返信", "不在", "【自動返信】", "[自動返信]"};
    private static final String[] SUBJECT_PHRASES = {"is out of the office", "out of office", "自動応答", "自動返信",
        "不在のお知らせ", "不在通知", "away from my mail", "on vacation"};

    private AutoReplySignals() {
    }

    static boolean isAutoReply(Headers headers) {
        String autoSubmitted = headers.lower("Auto-Submitted");
        if (autoSubmitted.startsWith("auto-replied")) {
            return true;
        }
        if (headers.has("X-Autoreply") || headers.has("X-Autorespond") || headers.has("X-Autoresponse")) {
            return true;
        }
        String precedence = headers.lower("Precedence");
        if (precedence.equals("auto_reply") || precedence.equals("auto-reply")) {
            return true;
        }
        if (autoSubmitted.startsWith("auto-generated")
                && (headers.has("In-Reply-To") || headers.has("References"))) {
            return true;
        }
        if (headers.has("X-MS-Exchange-Inbox-Rules-Loop") && autoSubmitted.startsWith("auto-")) {
            return true;
        }
        return hasAutoReplySubject(headers.first("Subject"));
    }

    static boolean hasAutoReplySubject(String subject) {
        if (subject == null) {
            return false;
        }
        String s = subject.strip().toLowerCase(Locale.ROOT);
        for (String prefix : SUBJECT_PREFIXES) {
            if (s.startsWith(prefix)) {
                return true;
            }
        }
        for (String phrase : SUBJECT_PHRASES) {
            if (s.contains(phrase)) {
                return true;
            }
        }
        return false;
    }
}
