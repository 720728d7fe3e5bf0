package io.bounceguard.classify.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.bounceguard.classify.report.RecipientEvidence;
import io.bounceguard.classify.text.Addresses;

/**
 * MDaemon notices ("Permanent Delivery Failure") with their session transcript, English and Japanese: the
 * recipient is in the transcript's {@code *  To:} line, the cause is the last error reply ({@code <-- 5xx}) or
 * the local delivery's explanation.
 */
final class MDaemonFormat implements NoticeFormat {

    private static final Pattern TO_LINE = Pattern.compile("\\*\\s+(?:to|宛先)\\s*[:：]\\s*(\\S+@\\S+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ERROR_REPLY = Pattern.compile("<--\\s*([45]\\d\\d[ -].*)$");

    @Override
    public String name() {
        return "mdaemon";
    }

    @Override
    public boolean recognises(NoticeText notice) {
        String from = notice.headers().lower("From");
        return notice.contains("--- session transcript ---") || notice.contains("--- セッション記録 ---")
                || from.contains("mdaemon@");
    }

    @Override
    public List<RecipientEvidence> read(NoticeText notice) {
        List<String> recipients = new ArrayList<>();
        StringBuilder errors = new StringBuilder();
        String lastLocal = null;
        for (String line : notice.lines()) {
            Matcher to = TO_LINE.matcher(line);
            if (to.find()) {
                String a = Addresses.first(to.group(1));
                if (a != null && !recipients.contains(a)) {
                    recipients.add(a);
                }
                continue;
            }
            Matcher reply = ERROR_REPLY.matcher(line);
            if (reply.find()) {
                errors.append(reply.group(1).strip()).append('\n');
            } else if (isLocalExplanation(line)) {
                lastLocal = afterTimestamp(line);
            }
        }
        String diagnostic = errors.length() > 0 ? errors.toString().strip() : lastLocal;
        if (recipients.isEmpty()) {
            return NoticeEvidence.read(name(), notice, NoticeReader.read(notice));
        }
        List<RecipientEvidence> out = new ArrayList<>();
        for (String a : recipients) {
            out.add(NoticeEvidence.evidence(name(), "failed", a, diagnostic, notice));
        }
        return out;
    }

    private static boolean isLocalExplanation(String line) {
        String l = line.toLowerCase(Locale.ROOT);
        return l.contains("does not exist") || l.contains("存在しません") || l.contains("unknown") || l.contains("full")
                || l.contains("容量");
    }

    private static String afterTimestamp(String line) {
        int at = line.indexOf(": ", line.indexOf(':') + 4);
        return at < 0 ? line.strip() : line.substring(at + 2).strip();
    }
}
