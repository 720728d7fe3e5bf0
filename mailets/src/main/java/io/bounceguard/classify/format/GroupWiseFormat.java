package io.bounceguard.classify.format;

/** Novell GroupWise Internet Agent notices ("Message status - undeliverable"). */
final class GroupWiseFormat implements NoticeFormat {

    @Override
    public String name() {
        return "groupwise";
    }

    @Override
    public boolean recognises(NoticeText notice) {
        return notice.contains("undeliverable to the following")
                || notice.subject().toLowerCase(java.util.Locale.ROOT).startsWith("message status - undeliverable");
    }
}
