package io.bounceguard.classify.format;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.bounceguard.classify.text.Addresses;

/**
 * The shared way of reading a non-RFC-3464 notice: recipients are addresses that open a line (alone, in angle
 * brackets, followed by a colon or by the reason), each explained by the rest of its line, the lines under it and
 * the transcript lines that name it. Addresses of the bounce's own sender and receiver and of the returned
 * original's sender are never recipients.
 */
final class NoticeReader {

    private static final Pattern RECIPIENT_LINE = Pattern.compile(
            "^\\s*(?:>\\s*)?(?:(?:宛先|受信者|送信先|recipient|empfänger)\\s*[:：]\\s*)?[<'(]?"
                    + "(\"?[^\\s<>()\\[\\]\"',;:@]+@[A-Za-z0-9.-]+\\.[A-Za-z0-9-]+)[>\"')]?"
                    + "(\\.\\.\\.|:|\\s|,|;|$)(.*)$", Pattern.CASE_INSENSITIVE);
    private static final int MAX_BLOCK_LINES = 10;
    private static final String EXPANDED_FROM = "expanded from";
    private static final String[] ECHO_LABELS = {"from:", "to:", "cc:", "bcc:", "subject:", "sent:", "date:",
        "reply-to:", "return-path:", "received:", "message-id:", "sender:", "system contact", "please reply to",
        "for further assistance", "件名:", "差出人:", "送信者:", "日付:"};

    private NoticeReader() {
    }

    /** Recipients in the notice text, in order of first appearance, with their explanation. */
    static List<NoticeRecipient> read(NoticeText notice) {
        Set<String> excluded = excludedAddresses(notice);
        List<String> lines = notice.lines();
        Map<String, StringBuilder> found = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = recipientLine(lines.get(i));
            if (m == null) {
                continue;
            }
            String address = m.group(1).toLowerCase(Locale.ROOT);
            String line = lines.get(i);
            if (address.startsWith("\"") && m.end(1) < line.length() && line.charAt(m.end(1)) == '"') {
                address = address.substring(1);
            }
            if (excluded.contains(address) || isRole(address) || found.containsKey(address)) {
                continue;
            }
            StringBuilder block = new StringBuilder(m.group(3).strip());
            appendFollowing(lines, i, block);
            found.put(address, block);
        }
        if (found.isEmpty()) {
            collectMentioned(lines, excluded, found, false);
        }
        if (found.isEmpty()) {
            collectMentioned(lines, excluded, found, true);
        }
        if (found.isEmpty()) {
            return List.of();
        }
        for (Map.Entry<String, StringBuilder> e : found.entrySet()) {
            appendTranscript(lines, e.getKey(), e.getValue());
        }
        List<NoticeRecipient> out = new ArrayList<>();
        Set<String> named = new HashSet<>();
        for (Map.Entry<String, StringBuilder> e : found.entrySet()) {
            String d = e.getValue().toString().strip();
            String original = expandedFrom(d);
            String address = original != null && !excluded.contains(original) ? original : e.getKey();
            if (named.add(address)) {
                out.add(new NoticeRecipient(address, d.isEmpty() ? null : d));
            }
        }
        return out;
    }

    /**
     * The address a forward or alias was expanded from, as Sendmail ({@code (expanded from: a@b)}) and Postfix
     * ({@code (expanded from <a@b>)}) write it beside the failed target: the address that was mailed. Null if none.
     */
    private static String expandedFrom(String explanation) {
        int at = explanation.toLowerCase(Locale.ROOT).indexOf(EXPANDED_FROM);
        if (at < 0) {
            return null;
        }
        int end = explanation.indexOf(')', at);
        return Addresses.first(explanation.substring(at + EXPANDED_FROM.length(), end < 0 ? explanation.length() : end));
    }

    /**
     * Second and third passes for notices that name the recipient inside a sentence or after a label
     * ({@code Undeliverable Address: a@b}, {@code Error-for: a@b}): every address on a line that is not an echo of
     * the original's header; the third pass also takes {@code To:} echo lines.
     */
    private static void collectMentioned(List<String> lines, Set<String> excluded, Map<String, StringBuilder> found,
                                         boolean toLines) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String label = line.strip().toLowerCase(Locale.ROOT);
            boolean isTo = label.startsWith("to:");
            if (toLines ? !isTo : isEcho(label)) {
                continue;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            for (String address : Addresses.all(line)) {
                if (excluded.contains(address) || isRole(address) || found.containsKey(address)
                        || namedAsSender(lower, address)) {
                    continue;
                }
                StringBuilder block = new StringBuilder(line.strip());
                appendFollowing(lines, i, block);
                found.put(address, block);
            }
        }
    }

    /**
     * True when the address follows the word "from" ({@code not accepting mail from a@b}): a sender, not a
     * recipient; except after "expanded from" or "generated from", which name the alias that was mailed.
     */
    private static boolean namedAsSender(String lowerLine, String address) {
        for (String before : new String[] {"from ", "from <"}) {
            int at = lowerLine.indexOf(before + address);
            if (at >= 0 && !lowerLine.startsWith("expanded ", Math.max(0, at - 9))
                    && !lowerLine.startsWith("generated ", Math.max(0, at - 10))) {
                return true;
            }
        }
        return false;
    }

    /** The match of a line that opens with a recipient, or null; a line without '@' is not tried. */
    private static Matcher recipientLine(String line) {
        if (line.indexOf('@') < 0) {
            return null;
        }
        Matcher m = RECIPIENT_LINE.matcher(line);
        return m.find() ? m : null;
    }

    private static boolean isEcho(String label) {
        for (String echo : ECHO_LABELS) {
            if (label.startsWith(echo)) {
                return true;
            }
        }
        return label.startsWith("x-") || label.startsWith(">");
    }

    private static void appendFollowing(List<String> lines, int at, StringBuilder block) {
        String self = null;
        Matcher first = recipientLine(lines.get(at));
        if (first != null) {
            self = first.group(1).toLowerCase(Locale.ROOT);
        }
        for (int j = at + 1; j < lines.size() && j <= at + MAX_BLOCK_LINES; j++) {
            String line = lines.get(j);
            String s = line.strip();
            if (s.isEmpty()) {
                if (hasContent(block)) {
                    break;
                }
                continue;
            }
            if (s.startsWith("---") || s.startsWith("***")) {
                break;
            }
            Matcher next = recipientLine(line);
            if (next != null && !next.group(1).toLowerCase(Locale.ROOT).equals(self)) {
                break;
            }
            block.append('\n').append(s);
        }
    }

    /** True once the block holds more than labels such as {@code because:} or {@code Reason:}. */
    private static boolean hasContent(StringBuilder block) {
        for (String line : block.toString().split("\n")) {
            String s = line.strip();
            if (!s.isEmpty() && !(s.endsWith(":") && s.length() < 24)) {
                return true;
            }
        }
        return false;
    }

    /** Adds lines elsewhere that name the address (transcripts) and the reply after a {@code >>> RCPT To:<it>}. */
    private static void appendTranscript(List<String> lines, String address, StringBuilder block) {
        String have = block.toString();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String lower = line.toLowerCase(Locale.ROOT);
            if (!lower.contains(address)) {
                continue;
            }
            String s = line.strip();
            if (lower.contains(">>> rcpt") || lower.contains("rcpt to:<" + address)) {
                for (int j = i + 1; j < lines.size() && j <= i + 3; j++) {
                    String reply = lines.get(j).strip();
                    if (reply.startsWith("<<<")) {
                        block.append('\n').append(reply.substring(3).strip());
                    }
                }
                continue;
            }
            if (!s.isEmpty() && !have.contains(s) && isTranscriptLine(s)) {
                block.append('\n').append(s);
            }
        }
    }

    private static boolean isTranscriptLine(String s) {
        return s.length() > 3 && Character.isDigit(s.charAt(0)) && Character.isDigit(s.charAt(1))
                && Character.isDigit(s.charAt(2)) || s.contains("... ") || s.contains("...");
    }

    private static Set<String> excludedAddresses(NoticeText notice) {
        Set<String> out = new HashSet<>();
        for (String name : new String[] {"From", "To", "Cc", "Return-Path", "Sender", "Reply-To"}) {
            for (String value : notice.header(name)) {
                out.addAll(Addresses.all(value));
            }
        }
        for (String name : new String[] {"From", "Return-Path", "Sender", "Reply-To"}) {
            String value = notice.enclosed().first(name);
            if (value != null) {
                out.addAll(Addresses.all(value));
            }
        }
        return out;
    }

    private static boolean isRole(String address) {
        String local = address.substring(0, address.indexOf('@'));
        return local.equals("postmaster") || local.equals("mailer-daemon") || local.equals("mdaemon");
    }
}
