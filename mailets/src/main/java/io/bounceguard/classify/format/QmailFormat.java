package io.bounceguard.classify.format;

/** qmail-send failure notices ("Hi. This is the qmail-send program ..."). */
final class QmailFormat implements NoticeFormat {

    @Override
    public String name() {
        return "qmail";
    }

    @Override
    public boolean recognises(NoticeText notice) {
        return notice.contains("this is the qmail-send program") || notice.contains("qmail-send")
                || notice.contains("(#5.") && notice.contains("wasn't able to deliver");
    }
}
