package io.bounceguard.classify.detect;


import io.bounceguard.classify.MessageKind;
import io.bounceguard.classify.format.NoticeFormat;
import io.bounceguard.classify.format.NoticeFormats;
import io.bounceguard.classify.format.NoticeText;
import io.bounceguard.classify.mime.MailMessage;
import io.bounceguard.classify.mime.MimePart;

/**
 * Decides what a message is, strongest signal first: a feedback report, a delivery-status report, a notice from a
 * mail system in a known or general bounce shape, a notice whose subject (not a reply or forward) and wording both
 * state a delivery failure, an automatic reply; anything else is ordinary mail. Read receipts, DMARC and TLS
 * reports, forwarded bounces and human replies that quote errors are ordinary mail.
 */
public final class MessageKindDetector {

    private MessageKindDetector() {
    }

    public static Detection detect(MailMessage message, NoticeText notice) {
        MimePart feedback = message.firstPart("message/feedback-report");
        String reportType = message.contentType().reportType();
        if (feedback != null || "feedback-report".equals(reportType)) {
            return new Detection(MessageKind.COMPLAINT, feedback, null, "feedback-report");
        }
        if (isLegacyComplaint(message)) {
            return new Detection(MessageKind.COMPLAINT, null, null, "legacy-complaint");
        }
        MimePart status = message.firstPart("message/delivery-status");
        if (status == null) {
            status = message.firstPart("message/global-delivery-status");
        }
        boolean declared = message.contentType().is("multipart/report")
                && ("delivery-status".equals(reportType) || "global-delivery-status".equals(reportType));
        if (status != null || declared) {
            return new Detection(MessageKind.DSN, status, null, status != null ? "delivery-status part" : "report-type");
        }
        boolean system = BounceSignals.fromMailSystem(message.headers())
                || BounceSignals.hasFailedRecipientsHeader(message.headers())
                || BounceSignals.hasNullReturnPath(message.headers())
                        && !AutoReplySignals.isAutoReply(message.headers());
        if (system) {
            NoticeFormat format = NoticeFormats.recognise(notice);
            if (format != null) {
                return new Detection(MessageKind.NONSTANDARD, null, format, "notice " + format.name());
            }
            boolean subject = BounceSignals.failureSubject(notice.subject(), true);
            boolean wording = BounceSignals.failureWording(notice);
            boolean systemSender = BounceSignals.fromMailSystem(message.headers());
            if (subject && wording || systemSender && (subject || wording)
                    || BounceSignals.hasFailedRecipientsHeader(message.headers())) {
                return new Detection(MessageKind.NONSTANDARD, null, NoticeFormats.generic(), "notice wording");
            }
        }
        boolean autoReply = AutoReplySignals.isAutoReply(message.headers());
        if (!autoReply && !BounceSignals.isReplyOrForward(notice.subject())
                && BounceSignals.failureSubject(notice.subject(), false) && BounceSignals.failureWording(notice)
                && NoticeFormats.namesRecipient(notice)) {
            NoticeFormat format = NoticeFormats.recognise(notice);
            return new Detection(MessageKind.NONSTANDARD, null, format == null ? NoticeFormats.generic() : format,
                    "failure subject and wording");
        }
        if (autoReply) {
            return new Detection(MessageKind.AUTOREPLY, null, null, "auto-reply headers");
        }
        return new Detection(MessageKind.NOTBOUNCE, null, null, "no signal");
    }

    /** Outlook.com's JMRP reports in their older non-ARF shape. */
    private static boolean isLegacyComplaint(MailMessage message) {
        String from = message.headers().lower("From");
        return from.contains("staff@hotmail.com")
                && message.headers().lower("Subject").contains("complaint about message");
    }
}
