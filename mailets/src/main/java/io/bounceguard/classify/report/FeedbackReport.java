package io.bounceguard.classify.report;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.bounceguard.classify.mime.Headers;
import io.bounceguard.classify.text.Addresses;
import io.bounceguard.classify.text.Verp;

/**
 * Reads an RFC 5965 ARF report (and RFC 6591 authentication-failure reports): the feedback type and the address
 * that complained, from Original-Rcpt-To, else the enclosed message's X-HmXmrOriginalRecipient, To or Received
 * {@code for} clause, else the VERP return path of our message. Never invents an address.
 */
public final class FeedbackReport {

    public static final String MODULE = "arf";

    private static final Pattern RECEIVED_FOR = Pattern.compile("\\bfor\\s+<?([^\\s<>;]+@[^\\s<>;]+)>?\\s*;",
            Pattern.CASE_INSENSITIVE);
    private static final List<String> TYPES = List.of("abuse", "fraud", "virus", "other", "not-spam", "auth-failure");

    private FeedbackReport() {
    }

    /** The feedback type, one of the RFC 5965 names; {@code other} when unknown or absent. */
    public static String feedbackType(String reportText) {
        if (reportText == null) {
            return "abuse";
        }
        String type = fields(reportText).first("Feedback-Type");
        if (type == null) {
            return "other";
        }
        String t = type.strip().toLowerCase(Locale.ROOT);
        return TYPES.contains(t) ? t : "other";
    }

    /** The address that complained, or null when the report hides it. */
    public static String complainer(String reportText, Headers enclosed) {
        ReportFields report = reportText == null ? new ReportFields() : fields(reportText);
        String rcpt = Addresses.first(report.first("Original-Rcpt-To"));
        if (rcpt != null) {
            return rcpt;
        }
        String hotmail = Addresses.first(enclosed.first("X-HmXmrOriginalRecipient"));
        if (hotmail != null) {
            return hotmail;
        }
        String to = Addresses.first(enclosed.first("To"));
        if (to != null) {
            return to;
        }
        for (String received : enclosed.all("Received")) {
            Matcher m = RECEIVED_FOR.matcher(received);
            if (m.find()) {
                return Addresses.first(m.group(1));
            }
        }
        String verp = Verp.decode(Addresses.first(report.first("Original-Mail-From")));
        if (verp == null) {
            verp = Verp.decode(Addresses.first(enclosed.first("Return-Path")));
        }
        return verp;
    }

    private static ReportFields fields(String text) {
        ReportFields all = new ReportFields();
        for (ReportFields block : ReportFieldParser.parse(text)) {
            block.fields().forEach(f -> all.add(f.name(), f.value()));
        }
        return all;
    }
}
