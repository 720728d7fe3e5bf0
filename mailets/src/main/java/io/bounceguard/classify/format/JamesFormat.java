package io.bounceguard.classify.format;

/** Apache James RemoteDelivery bounces sent without a report part (plain "Re:" replies). */
final class JamesFormat implements NoticeFormat {

    @Override
    public String name() {
        return "james";
    }

    @Override
    public boolean recognises(NoticeText notice) {
        return notice.contains("this is the james mail server");
    }
}
