package io.bounceguard.classify.format;

import java.util.List;

import io.bounceguard.classify.report.RecipientEvidence;

/** One family of non-RFC-3464 bounce notices (an MTA or a provider's own wording). */
public interface NoticeFormat {

    /** The module name reported with each result. */
    String name();

    /** Whether the notice is written in this family's shape. */
    boolean recognises(NoticeText notice);

    /** The recipients the notice reports; by default read the shared way. */
    default List<RecipientEvidence> read(NoticeText notice) {
        return NoticeEvidence.read(name(), notice, NoticeReader.read(notice));
    }
}
