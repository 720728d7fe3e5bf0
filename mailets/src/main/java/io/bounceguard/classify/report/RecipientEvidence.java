package io.bounceguard.classify.report;

/**
 * What a report or notice says about one recipient, before the reason is decided.
 *
 * @param address     the recipient as reported (cleaned, lower-cased), or null
 * @param action      RFC 3464 action, lower-case ({@code failed} for non-standard bounces)
 * @param status      the RFC 3463 code the report states, or null
 * @param statusText  a Status field that is not a code (James writes the whole reply there), or null
 * @param diagnostic  the remote reply or the notice's explanation for this recipient, or null
 * @param replyCode   a reply code the module read outside the diagnostic, or null
 * @param remoteMta   the remote MTA, or null
 * @param command     the SMTP command the reply answered (RCPT, DATA, MAIL, CONNECT ...), or null
 * @param module      the format module that found it
 * @param context     wider text (the whole notice) consulted only when the diagnostic names no reason, or null
 */
public record RecipientEvidence(String address, String action, String status, String statusText, String diagnostic,
                                Integer replyCode, String remoteMta, String command, String module, String context) {

    /** Evidence with only an address, an action, a diagnostic and a module. */
    public static RecipientEvidence of(String address, String action, String diagnostic, String module) {
        return new RecipientEvidence(address, action, null, null, diagnostic, null, null, null, module, null);
    }

    public RecipientEvidence withCommand(String newCommand) {
        return new RecipientEvidence(address, action, status, statusText, diagnostic, replyCode, remoteMta, newCommand,
                module, context);
    }

    public RecipientEvidence withContext(String newContext) {
        return new RecipientEvidence(address, action, status, statusText, diagnostic, replyCode, remoteMta, command,
                module, newContext);
    }
}
