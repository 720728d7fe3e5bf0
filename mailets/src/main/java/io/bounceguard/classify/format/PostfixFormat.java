package io.bounceguard.classify.format;

/** Postfix notices without a report part ("This is the Postfix program at host ..."). */
final class PostfixFormat implements NoticeFormat {

    @Override
    public String name() {
        return "postfix";
    }

    @Override
    public boolean recognises(NoticeText notice) {
        return notice.contains("this is the postfix program") || notice.contains("this is the mail system at host");
    }
}
