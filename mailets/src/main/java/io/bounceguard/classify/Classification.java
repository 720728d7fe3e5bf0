package io.bounceguard.classify;

import java.util.List;

/**
 * The result of classifying one message.
 *
 * @param kind               what the message is
 * @param recipients         one entry per reported recipient (empty for {@code notbounce})
 * @param feedbackType       ARF feedback type for complaints, else null
 * @param reportingMta       the MTA that wrote the report, when stated
 * @param messageId          Message-ID of the bounce itself, or null
 * @param originalMessageId  Message-ID of the enclosed original message, or null
 * @param originalReturnPath Return-Path (or envelope sender) of the enclosed original, or null
 * @param error              why the message could not be read, or null (the result is then a safe default)
 */
public record Classification(MessageKind kind, List<RecipientResult> recipients, String feedbackType,
                             String reportingMta, String messageId, String originalMessageId,
                             String originalReturnPath, String error) {

    public Classification {
        recipients = List.copyOf(recipients);
    }
}
