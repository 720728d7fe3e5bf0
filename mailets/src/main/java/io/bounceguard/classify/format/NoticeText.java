package io.bounceguard.classify.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.bounceguard.classify.mime.Headers;
import io.bounceguard.classify.mime.MailMessage;
import io.bounceguard.classify.mime.MimePart;

/**
 * The human-readable part of a bounce notice: the text parts before any returned original, with an inline copy
 * of the original cut off (its header kept apart as the enclosed header), HTML reduced to text.
 */
public final class NoticeText {

    private static final int MAX_NOTICE_CHARS = 32 * 1024;
    private static final String[] COPY_WORDS = {"message", "copy", "header", "original", "nachricht", "kopf",
        "元の", "原文", "ヘッダ", "メッセージ"};
    private static final String[] COPY_NAMING_WORDS = {"copy", "original", "below", "元の", "原文"};
    private static final String[] SECTION_WORDS = {"transcript", "session", "following", "information", "end of",
        "セッション", "記録"};

    private final MailMessage message;
    private String subject;
    private final String text;
    private String lower;
    private final Headers enclosed;
    private List<String> lines;

    private NoticeText(MailMessage message, String text, Headers enclosed) {
        this.message = message;
        this.text = text;
        this.enclosed = enclosed;
    }

    public static NoticeText of(MailMessage message) {
        StringBuilder notice = new StringBuilder(1024);
        Headers enclosed = Headers.EMPTY;
        boolean plainSeen = false;
        for (MimePart part : message.parts()) {
            if (!part.enclosedHeaders().isEmpty()) {
                enclosed = part.enclosedHeaders();
                break;
            }
            if (!part.contentType().isText() || isAttachment(part)) {
                continue;
            }
            boolean html = part.is("text/html");
            if (html && plainSeen) {
                continue;
            }
            plainSeen |= !html;
            String body = html ? Html.toText(part.text()) : part.text();
            int cut = copyMarker(body);
            if (cut >= 0) {
                enclosed = InlineOriginal.headers(body.substring(cut));
                notice.append(body, 0, cut).append('\n');
                break;
            }
            notice.append(body).append('\n');
            if (notice.length() > MAX_NOTICE_CHARS) {
                break;
            }
        }
        String text = notice.length() > MAX_NOTICE_CHARS ? notice.substring(0, MAX_NOTICE_CHARS) : notice.toString();
        return new NoticeText(message, text, enclosed);
    }

    private static boolean isAttachment(MimePart part) {
        String disposition = part.headers().lower("Content-Disposition");
        return disposition.startsWith("attachment") && part.depth() > 0 && !part.is("text/plain");
    }

    /**
     * Start of the line that introduces a returned copy of the original, or -1. A rule line before any other text
     * is the notice's own banner ({@code ***** Message from ... *****}), not the start of a copy,
     * unless it names one.
     */
    static int copyMarker(String body) {
        int start = 0;
        int len = body.length();
        boolean textSeen = false;
        while (start < len) {
            int end = body.indexOf('\n', start);
            if (end < 0) {
                end = len;
            }
            if (mayBeMarker(body, start, end)) {
                String line = body.substring(start, end).strip().toLowerCase(Locale.ROOT);
                if (isCopyMarker(line) && (textSeen || namesACopy(line))) {
                    return start;
                }
            } else if (!textSeen) {
                textSeen = !body.substring(start, end).isBlank();
            }
            start = end + 1;
        }
        return -1;
    }

    /** Cheap test before lower-casing a line: markers start with a rule of dashes, '=' or '*', or with "original". */
    private static boolean mayBeMarker(String body, int start, int end) {
        int i = start;
        while (i < end && (body.charAt(i) == ' ' || body.charAt(i) == '\t')) {
            i++;
        }
        if (i >= end) {
            return false;
        }
        char c = body.charAt(i);
        return c == '-' || c == '=' || c == '*' || c == 'O' || c == 'o';
    }

    /** A marker that says outright that a copy follows, which may open a part with nothing before it. */
    private static boolean namesACopy(String line) {
        for (String w : COPY_NAMING_WORDS) {
            if (line.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isCopyMarker(String line) {
        if (line.startsWith("--- below this line is a copy") || line.startsWith("original message follows")
                || line.equals("------ original message ------")) {
            return true;
        }
        if (!(line.startsWith("---") || line.startsWith("===") || line.startsWith("***"))) {
            return false;
        }
        for (String w : SECTION_WORDS) {
            if (line.contains(w)) {
                return false;
            }
        }
        for (String w : COPY_WORDS) {
            if (line.contains(w)) {
                return true;
            }
        }
        return false;
    }

    public Headers headers() {
        return message.headers();
    }

    /** The bounce's decoded Subject, or the empty string (decoded on first use: a DSN is told by its structure). */
    public String subject() {
        if (subject == null) {
            String value = message.headers().first("Subject");
            subject = value == null ? "" : value;
        }
        return subject;
    }

    /** The notice text, original case. */
    public String text() {
        return text;
    }

    /** The notice text lower-cased (made on first use). */
    public String lower() {
        if (lower == null) {
            lower = text.toLowerCase(Locale.ROOT);
        }
        return lower;
    }

    public boolean contains(String lowerCasePhrase) {
        return lower().contains(lowerCasePhrase);
    }

    /** The header of the returned original (attached or inline), possibly empty. */
    public Headers enclosed() {
        return enclosed;
    }

    /** The lines of the notice text. */
    public List<String> lines() {
        if (lines == null) {
            lines = splitLines(text);
        }
        return lines;
    }

    static List<String> splitLines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int len = text.length();
        for (int i = 0; i < len; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(text.substring(start, i));
                if (c == '\r' && i + 1 < len && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out;
    }

    /** Every header field of the bounce itself named {@code name}. */
    public List<String> header(String name) {
        return message.headers().all(name);
    }
}
