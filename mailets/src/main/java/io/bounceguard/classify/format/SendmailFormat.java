package io.bounceguard.classify.format;

/** Sendmail notices without a report part ("The following addresses had permanent fatal errors"). */
final class SendmailFormat implements NoticeFormat {

    @Override
    public String name() {
        return "sendmail";
    }

    @Override
    public boolean recognises(NoticeText notice) {
        return notice.contains("----- the following addresses had")
                || notice.contains("----- transcript of session follows")
                || notice.subject().toLowerCase(java.util.Locale.ROOT).startsWith("returned mail: see transcript");
    }
}
