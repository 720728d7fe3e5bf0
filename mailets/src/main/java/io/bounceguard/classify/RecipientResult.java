package io.bounceguard.classify;

/**
 * The classification of one recipient named by a bounce, complaint or auto-reply.
 *
 * @param address    the original recipient, lower-cased, as reported (never repaired)
 * @param action     RFC 3464 action ({@code failed}, {@code delayed}, ...) or null for complaints and auto-replies
 * @param status     RFC 3463 enhanced status code {@code c.s.d}, or null when nothing supports one
 * @param replyCode  the SMTP reply code, or null
 * @param reason     why it bounced
 * @param bounce     hard / soft / undetermined / none
 * @param diagnostic the remote server's text (or the notice's text), or null
 * @param remoteMta  the MTA that refused, when stated
 * @param smtpCommand the SMTP command at which the failure happened (RCPT, DATA ...), when stated
 * @param module     the format module that decided (e.g. {@code rfc3464}, {@code qmail})
 * @param rule       the rule that chose the reason (for explanations)
 */
public record RecipientResult(String address, String action, String status, Integer replyCode, Reason reason,
                              BounceType bounce, String diagnostic, String remoteMta, String smtpCommand,
                              String module, String rule) {
}
