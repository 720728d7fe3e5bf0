package io.bounceguard.classify.format;

/**
 * Notices written in Japanese by Japanese ISPs, hosting companies and universities ("以下の宛先に配送できませんでした").
 */
final class JapaneseNoticeFormat implements NoticeFormat {

    private static final String[] PHRASES = {"配送できませんでした", "配信できませんでした", "配信に失敗しました",
        "届けることができませんでした", "送信できませんでした", "配信されませんでした", "宛先不明", "返送"};

    @Override
    public String name() {
        return "jp-notice";
    }

    @Override
    public boolean recognises(NoticeText notice) {
        for (String phrase : PHRASES) {
            if (notice.text().contains(phrase) || notice.subject().contains(phrase)) {
                return true;
            }
        }
        return false;
    }
}
