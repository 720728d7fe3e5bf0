package io.bounceguard.classify.format;

/** IBM/HCL (Lotus) Domino notices, English and Japanese. */
final class DominoFormat implements NoticeFormat {

    @Override
    public String name() {
        return "domino";
    }

    @Override
    public boolean recognises(NoticeText notice) {
        return notice.contains("domino directory") || notice.contains("domino ディレクトリ")
                || notice.contains("was not delivered to:") && notice.contains("because:")
                || notice.contains("は次の宛先に配信されませんでした");
    }
}
