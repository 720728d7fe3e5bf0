package io.bounceguard.classify.format;

/** Exim notices without a report part ("This message was created automatically by mail delivery software"). */
final class EximFormat implements NoticeFormat {

    @Override
    public String name() {
        return "exim";
    }

    @Override
    public boolean recognises(NoticeText notice) {
        return notice.contains("this message was created automatically by mail delivery software")
                || notice.contains("the following address(es) failed");
    }
}
