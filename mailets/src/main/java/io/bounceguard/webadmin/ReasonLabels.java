package io.bounceguard.webadmin;

import java.util.Optional;

import io.bounceguard.classify.Reason;
import io.bounceguard.classify.ReasonCatalog;
import io.bounceguard.classify.ReasonText;

/** Reason texts from the classifier's catalogue for a stored reason id (which may be unknown or null). */
public final class ReasonLabels {
    private ReasonLabels() {
    }

    public static Optional<ReasonText> text(String reasonId, Language language) {
        if (reasonId == null || reasonId.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(ReasonCatalog.shipped().text(Reason.fromId(reasonId), language.locale()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The label, or the id itself when the catalogue does not know it. */
    public static String label(String reasonId, Language language) {
        return text(reasonId, language).map(ReasonText::label).orElse(reasonId == null ? "" : reasonId);
    }
}
