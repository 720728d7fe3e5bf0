package io.bounceguard.classify.rules;

import java.util.List;

/**
 * What the rules look at for one recipient.
 *
 * @param status        the RFC 3463 code, or null
 * @param replyCode     the SMTP reply code, or null
 * @param text          the remote reply or notice text (any case), or null
 * @param command       the SMTP command the reply answered ({@code RCPT}, {@code DATA}, ...), or null
 * @param hosts         lower-case host names that identify the receiver: the recipient domain, the remote MTA
 * @param replyNamesAddress whether the reply text names a mailbox (an {@code @} address)
 */
public record DiagnosticFacts(String status, Integer replyCode, String text, String command, List<String> hosts,
                              boolean replyNamesAddress) {
}
