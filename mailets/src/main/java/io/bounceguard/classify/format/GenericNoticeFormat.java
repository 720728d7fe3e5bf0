package io.bounceguard.classify.format;

/** Any other notice from a mail system: read the shared way, recognised only by the detector's signals. */
final class GenericNoticeFormat implements NoticeFormat {

    @Override
    public String name() {
        return "notice";
    }

    @Override
    public boolean recognises(NoticeText notice) {
        return true;
    }
}
