package io.bounceguard.classify.format;

/** Courier MTA notices without a report part. */
final class CourierFormat implements NoticeFormat {

    @Override
    public String name() {
        return "courier";
    }

    @Override
    public boolean recognises(NoticeText notice) {
        return notice.contains("this is the courier mail server")
                || notice.contains("courier mail server at");
    }
}
