package io.bounceguard.classify.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.bounceguard.classify.report.RecipientEvidence;
import io.bounceguard.classify.text.Addresses;
import io.bounceguard.classify.text.SmtpCommand;
import io.bounceguard.classify.text.Verp;

/**
 * Builds the evidence of a notice from the recipients a family found. When it found none, the failed recipient
 * comes from {@code X-Failed-Recipients}, then the returned original's To, then a VERP address in the bounce's To
 * or in the returned original's Return-Path.
 */
public final class NoticeEvidence {

    private static final String[] WARNING_PHRASES = {"this is a warning message only", "has not yet been delivered",
        "transient non-fatal errors", "will keep trying", "delivery attempts will continue", "still undelivered after",
        "delay warning", "is still being retried", "will continue to try", "配送を試みています", "再送を続けます",
        "遅延しています"};

    private NoticeEvidence() {
    }

    static List<RecipientEvidence> read(String module, NoticeText notice, List<NoticeRecipient> found) {
        String action = isWarning(notice) ? "delayed" : "failed";
        List<RecipientEvidence> out = new ArrayList<>();
        for (NoticeRecipient r : found) {
            out.add(evidence(module, action, r.address(), r.diagnostic(), notice));
        }
        if (out.isEmpty()) {
            for (String address : fallbackRecipients(notice)) {
                out.add(evidence(module, action, address, null, notice));
            }
        }
        return out;
    }

    static RecipientEvidence evidence(String module, String action, String address, String diagnostic,
                                      NoticeText notice) {
        String command = SmtpCommand.in(diagnostic);
        return new RecipientEvidence(address, action, null, null, diagnostic, null, null, command, module,
                notice.text() + "\n" + notice.subject());
    }

    /** Evidence read the shared way from a notice, for reports that carry no usable recipient block. */
    public static List<RecipientEvidence> fromNoticeOrHeaders(String module, NoticeText notice) {
        return read(module, notice, NoticeReader.read(notice));
    }

    /** The recipients named outside the notice text. */
    public static List<String> fallbackRecipients(NoticeText notice) {
        List<String> out = new ArrayList<>();
        for (String value : notice.header("X-Failed-Recipients")) {
            for (String a : Addresses.all(value)) {
                if (!out.contains(a)) {
                    out.add(a);
                }
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        String to = notice.enclosed().first("To");
        List<String> enclosedTo = Addresses.all(to);
        if (enclosedTo.size() == 1) {
            return enclosedTo;
        }
        for (String value : notice.header("To")) {
            String verp = Verp.decode(Addresses.first(value));
            if (verp != null) {
                return List.of(verp);
            }
        }
        String returnPath = Verp.decode(Addresses.first(notice.enclosed().first("Return-Path")));
        return returnPath == null ? out : List.of(returnPath);
    }

    static boolean isWarning(NoticeText notice) {
        String subject = notice.subject().toLowerCase(Locale.ROOT);
        if (subject.startsWith("warning:") || subject.contains("delayed mail") || subject.contains("delivery delayed")) {
            return true;
        }
        for (String phrase : WARNING_PHRASES) {
            if (notice.contains(phrase)) {
                return true;
            }
        }
        return false;
    }
}
