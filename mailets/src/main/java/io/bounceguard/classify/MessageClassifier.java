package io.bounceguard.classify;

import java.util.ArrayList;
import java.util.List;

import io.bounceguard.classify.detect.Detection;
import io.bounceguard.classify.detect.MessageKindDetector;
import io.bounceguard.classify.format.NoticeEvidence;
import io.bounceguard.classify.format.NoticeText;
import io.bounceguard.classify.mime.MailMessage;
import io.bounceguard.classify.mime.MimePart;
import io.bounceguard.classify.report.DeliveryStatusReport;
import io.bounceguard.classify.report.EmbeddedReport;
import io.bounceguard.classify.report.FeedbackReport;
import io.bounceguard.classify.report.RecipientEvidence;
import io.bounceguard.classify.text.Addresses;
import io.bounceguard.classify.text.SmtpCommand;
import io.bounceguard.classify.text.Verp;

/** Runs the stages over a read message: detection, report or notice parsing, reason resolution. */
final class MessageClassifier {

    private final RecipientResolver resolver;

    MessageClassifier(RecipientResolver resolver) {
        this.resolver = resolver;
    }

    Classification classify(MailMessage message) {
        NoticeText notice = NoticeText.of(message);
        Detection detection = MessageKindDetector.detect(message, notice);
        switch (detection.kind()) {
            case COMPLAINT:
                return complaint(message, detection);
            case DSN:
                return deliveryReport(message, notice, detection);
            case NONSTANDARD:
                return result(message, MessageKind.NONSTANDARD, resolve(detection.format().read(notice)), null, null,
                        notice);
            case AUTOREPLY:
                return autoReply(message);
            default:
                return result(message, MessageKind.NOTBOUNCE, List.of(), null, null, notice);
        }
    }

    private Classification deliveryReport(MailMessage message, NoticeText notice, Detection detection) {
        String reportText = detection.report() != null ? detection.report().text() : EmbeddedReport.find(message);
        List<RecipientEvidence> evidence = new ArrayList<>();
        DeliveryStatusReport.Parsed report = reportText == null ? null : DeliveryStatusReport.parse(reportText);
        if (report != null) {
            for (RecipientEvidence e : report.recipients()) {
                evidence.add(withNoticeContext(e, notice));
            }
        }
        if (evidence.stream().anyMatch(e -> e.address() != null)) {
            evidence.removeIf(e -> e.address() == null);
        } else {
            evidence.clear();
        }
        if (evidence.isEmpty()) {
            evidence.addAll(NoticeEvidence.fromNoticeOrHeaders(DeliveryStatusReport.MODULE, notice));
        }
        String reportingMta = report == null ? null : report.reportingMta();
        return result(message, MessageKind.DSN, resolve(evidence), null, reportingMta, notice);
    }

    /** Adds the SMTP command and the notice paragraph that concern this recipient, as the human part states them. */
    private static RecipientEvidence withNoticeContext(RecipientEvidence e, NoticeText notice) {
        String paragraph = NoticeParagraph.about(notice.text(), notice.lower(), e.address());
        RecipientEvidence out = e;
        if (e.command() == null) {
            String command = SmtpCommand.in(paragraph);
            if (command == null) {
                command = SmtpCommand.in(e.diagnostic());
            }
            out = out.withCommand(command);
        }
        return out.withContext(paragraph);
    }

    private Classification complaint(MailMessage message, Detection detection) {
        String reportText = detection.report() == null ? null : detection.report().text();
        MimePart original = message.enclosedOriginal();
        String address = FeedbackReport.complainer(reportText,
                original == null ? io.bounceguard.classify.mime.Headers.EMPTY : original.enclosedHeaders());
        String type = FeedbackReport.feedbackType(reportText);
        List<RecipientResult> recipients = new ArrayList<>();
        if (address != null) {
            recipients.add(new RecipientResult(address, null, null, null, Reason.FEEDBACK, BounceType.NONE, null, null,
                    null, FeedbackReport.MODULE, "feedback-type " + type));
        }
        return new Classification(MessageKind.COMPLAINT, recipients, type, null, message.headers().first("Message-ID"),
                original == null ? null : original.enclosedHeaders().first("Message-ID"),
                original == null ? null : original.enclosedHeaders().first("Return-Path"), message.error());
    }

    private Classification autoReply(MailMessage message) {
        String address = null;
        for (String to : message.headers().all("To")) {
            address = Verp.decode(Addresses.first(to));
            if (address != null) {
                break;
            }
        }
        if (address == null) {
            address = Addresses.first(message.headers().first("From"));
        }
        List<RecipientResult> recipients = new ArrayList<>();
        if (address != null) {
            recipients.add(new RecipientResult(address, null, null, null, Reason.VACATION, BounceType.NONE,
                    message.headers().first("Subject"), null, null, "rfc3834", "auto-reply"));
        }
        return new Classification(MessageKind.AUTOREPLY, recipients, null, null, message.headers().first("Message-ID"),
                null, null, message.error());
    }

    private List<RecipientResult> resolve(List<RecipientEvidence> evidence) {
        List<RecipientResult> out = new ArrayList<>(evidence.size());
        for (RecipientEvidence e : evidence) {
            out.add(resolver.resolve(e));
        }
        return out;
    }

    private static Classification result(MailMessage message, MessageKind kind, List<RecipientResult> recipients,
                                         String feedbackType, String reportingMta, NoticeText notice) {
        String originalId = notice.enclosed().first("Message-ID");
        String originalReturnPath = notice.enclosed().first("Return-Path");
        return new Classification(kind, recipients, feedbackType, reportingMta, message.headers().first("Message-ID"),
                originalId, originalReturnPath, message.error());
    }
}
