package io.bounceguard.classify.format;

import java.util.regex.Pattern;

/** Reduces HTML to plain text good enough for reading a bounce notice. */
final class Html {

    private static final Pattern BREAKS = Pattern.compile("(?i)<\\s*(br|/p|/div|/tr|/li|/h\\d|p|div|tr|li)\\b[^>]*>");
    private static final Pattern SCRIPT = Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>");
    private static final Pattern TAGS = Pattern.compile("<[^>]*>");

    private Html() {
    }

    static String toText(String html) {
        String t = SCRIPT.matcher(html).replaceAll(" ");
        t = BREAKS.matcher(t).replaceAll("\n");
        t = TAGS.matcher(t).replaceAll(" ");
        return t.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }
}
