package io.bounceguard.classify.detect;

import io.bounceguard.classify.MessageKind;
import io.bounceguard.classify.format.NoticeFormat;
import io.bounceguard.classify.mime.MimePart;

/**
 * What the detector decided.
 *
 * @param kind   the message kind
 * @param report the report part (delivery-status or feedback-report) for reports, else null
 * @param format the notice family for non-standard bounces, else null
 * @param signal a short name of the signal that decided (for explanations)
 */
public record Detection(MessageKind kind, MimePart report, NoticeFormat format, String signal) {
}
