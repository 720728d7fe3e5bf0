package io.bounceguard.classify.format;

/** au (KDDI) EZweb legacy notices ("Mail System Error - Returned Mail"). */
final class AuLegacyFormat implements NoticeFormat {

    @Override
    public String name() {
        return "au-ezweb";
    }

    @Override
    public boolean recognises(NoticeText notice) {
        return notice.subject().equalsIgnoreCase("Mail System Error - Returned Mail")
                || notice.contains("the user(s) account is");
    }
}
