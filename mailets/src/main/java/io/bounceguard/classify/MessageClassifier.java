package io.bounceguard.classify;

import java.util.ArrayList;
import java.util.List;

import io.bounceguard.classify.mime.MailMessage;
import io.bounceguard.classify.mime.MimePart;
import io.bounceguard.classify.report.DeliveryStatusReport;
import io.bounceguard.classify.report.RecipientEvidence;

/** Runs the stages over a read message: detection, report or format parsing, reason resolution. */
final class MessageClassifier {

    private final RecipientResolver resolver;

    MessageClassifier(RecipientResolver resolver) {
        this.resolver = resolver;
    }

    Classification classify(MailMessage message) {
        MimePart status = deliveryStatusPart(message);
        if (status != null) {
            List<RecipientResult> recipients = new ArrayList<>();
            for (RecipientEvidence evidence : DeliveryStatusReport.read(status.text())) {
                recipients.add(resolver.resolve(evidence));
            }
            return new Classification(MessageKind.DSN, recipients, null, DeliveryStatusReport.reportingMta(status.text()),
                    message.headers().first("Message-ID"), null, null, message.error());
        }
        return new Classification(MessageKind.NOTBOUNCE, List.of(), null, null, message.headers().first("Message-ID"),
                null, null, message.error());
    }

    private static MimePart deliveryStatusPart(MailMessage message) {
        MimePart part = message.firstPart("message/delivery-status");
        return part != null ? part : message.firstPart("message/global-delivery-status");
    }
}
