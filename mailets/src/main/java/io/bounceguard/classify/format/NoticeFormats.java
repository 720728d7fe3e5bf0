package io.bounceguard.classify.format;

import java.util.List;

/** The known notice families, most specific first; the generic reader comes last. */
public final class NoticeFormats {

    private static final List<NoticeFormat> FAMILIES = List.of(new MDaemonFormat(), new QmailFormat(),
            new EximFormat(), new SendmailFormat(), new PostfixFormat(), new ExchangeFormat(), new DominoFormat(),
            new GroupWiseFormat(), new CourierFormat(), new JamesFormat(), new WebmailFormat(), new AuLegacyFormat(),
            new JapaneseNoticeFormat());
    private static final NoticeFormat GENERIC = new GenericNoticeFormat();

    private NoticeFormats() {
    }

    /** The family whose shape the notice has, or null when no known family recognises it. */
    public static NoticeFormat recognise(NoticeText notice) {
        for (NoticeFormat format : FAMILIES) {
            if (format.recognises(notice)) {
                return format;
            }
        }
        return null;
    }

    /** Whether the notice text itself names a failed recipient the way notices do. */
    public static boolean namesRecipient(NoticeText notice) {
        return !NoticeReader.read(notice).isEmpty();
    }

    /** The reader for notices that only the detector's general signals identify. */
    public static NoticeFormat generic() {
        return GENERIC;
    }
}
