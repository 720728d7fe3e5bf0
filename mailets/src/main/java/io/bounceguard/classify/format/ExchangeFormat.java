package io.bounceguard.classify.format;

/** Microsoft Exchange (5.5 to 2007) and Office 365 text notices. */
final class ExchangeFormat implements NoticeFormat {

    @Override
    public String name() {
        return "exchange";
    }

    @Override
    public boolean recognises(NoticeText notice) {
        return notice.contains("did not reach the following recipient") || notice.contains("msexch:")
                || notice.contains("delivery has failed to these recipients")
                || notice.contains("your message did not reach some or all");
    }
}
