package io.bounceguard.classify.format;

/** Old free-mail notices: Yahoo! Mail, Gmail before RFC 3464, AOL and Hotmail. */
final class WebmailFormat implements NoticeFormat {

    @Override
    public String name() {
        return "webmail";
    }

    @Override
    public boolean recognises(NoticeText notice) {
        return notice.contains("sorry, we were unable to deliver your message")
                || notice.contains("delivery to the following recipient failed permanently")
                || notice.contains("delivery to the following recipients failed")
                || notice.contains("technical details of permanent failure")
                || notice.contains("this message was undeliverable due to the following reason");
    }
}
