package io.bounceguard.classify.report;

import java.util.ArrayList;
import java.util.List;

import io.bounceguard.classify.text.Addresses;
import io.bounceguard.classify.text.Tokens;
import io.bounceguard.classify.text.SmtpReply;

/**
 * Reads an RFC 3464 / RFC 6533 delivery-status part into one {@link RecipientEvidence} per recipient block,
 * coping with James's DSNBounce (the reply text in {@code Status:}), two Status fields, and blocks that lack
 * Final-Recipient.
 */
public final class DeliveryStatusReport {

    public static final String MODULE = "rfc3464";

    private DeliveryStatusReport() {
    }

    /** The recipients of the report, one per recipient block, in order. */
    public static List<RecipientEvidence> read(String text) {
        return parse(text).recipients();
    }

    /** The per-message Reporting-MTA and the recipients of the report. */
    public static Parsed parse(String text) {
        List<ReportFields> blocks = ReportFieldParser.parse(text);
        List<RecipientEvidence> out = new ArrayList<>();
        for (int i = 1; i < blocks.size(); i++) {
            RecipientEvidence evidence = recipient(blocks.get(i));
            if (evidence != null) {
                out.add(evidence);
            }
        }
        return new Parsed(typedValue(blocks.get(0).first("Reporting-MTA")), out);
    }

    /**
     * A parsed report.
     *
     * @param reportingMta the Reporting-MTA, or null
     * @param recipients   one evidence per recipient block
     */
    public record Parsed(String reportingMta, List<RecipientEvidence> recipients) {
    }

    private static RecipientEvidence recipient(ReportFields block) {
        String original = Addresses.fromReportField(block.first("Original-Recipient"));
        String fin = Addresses.fromReportField(block.first("Final-Recipient"));
        String address = usable(original) ? original : fin != null ? fin : original;
        String action = block.first("Action");
        action = action == null ? null : action.strip().toLowerCase(java.util.Locale.ROOT);
        if (action != null) {
            int space = action.indexOf(' ');
            action = space > 0 ? action.substring(0, space) : action;
        }
        String diagnostic = typedValue(block.first("Diagnostic-Code"));
        String status = null;
        String statusText = null;
        List<String> statusFields = block.all("Status");
        for (String value : statusFields) {
            String code = SmtpReply.statusField(value);
            if (code == null) {
                statusText = value.strip();
            } else {
                status = pick(status, code, diagnostic, action);
            }
        }
        if (statusText != null) {
            SmtpReply reply = SmtpReply.parse(statusText);
            if (status == null && reply.status() != null && statusText.strip().length() <= 10) {
                status = reply.status();
            }
        }
        if (address == null && action == null && statusFields.isEmpty()) {
            return null;
        }
        return new RecipientEvidence(address, action == null ? "failed" : action, status, statusText, diagnostic, null,
                typedValue(block.first("Remote-MTA")), null, MODULE, null);
    }

    /** Of two stated codes, keeps the one the diagnostic confirms, else a permanent one for a failure, else the later. */
    private static String pick(String previous, String code, String diagnostic, String action) {
        if (previous == null) {
            return code;
        }
        String confirmed = SmtpReply.parse(diagnostic).status();
        if (code.equals(confirmed)) {
            return code;
        }
        if (previous.equals(confirmed)) {
            return previous;
        }
        if ("failed".equals(action) && previous.charAt(0) == '5' && code.charAt(0) != '5') {
            return previous;
        }
        return code;
    }

    private static boolean usable(String address) {
        return address != null && address.indexOf('@') > 0;
    }

    /** Drops the type prefix of a typed field ({@code smtp; 550 ...}, {@code dns; mx.example.com}). */
    static String typedValue(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        int semi = v.indexOf(';');
        if (semi > 0 && semi < 24) {
            if (Tokens.isToken(v, 0, semi)) {
                v = v.substring(semi + 1).strip();
            }
        }
        return v.isEmpty() ? null : v;
    }
}
