package io.bounceguard.webadmin;

import java.util.Map;

import io.bounceguard.classify.ReasonText;
import io.bounceguard.store.BounceEvent;

/** The JSON shape of events: a list item and the full detail with the reason's texts in both languages. */
public final class EventJson {
    private EventJson() {
    }

    public static Map<String, Object> item(EventRow row) {
        BounceEvent e = row.event();
        Map<String, Object> json = Json.map();
        json.put("id", e.id());
        json.put("time", Json.time(e.time()));
        json.put("recipient", e.recipient());
        json.put("domain", row.recipientDomain());
        json.put("originalSender", e.originalSender());
        json.put("scope", e.scope());
        json.put("source", e.source().name());
        json.put("kind", e.kind());
        json.put("action", e.action());
        json.put("status", e.status());
        json.put("replyCode", e.replyCode());
        json.put("reason", e.reason());
        Map<String, Object> labels = Json.map();
        labels.put("ja", ReasonLabels.label(e.reason(), Language.JA));
        labels.put("en", ReasonLabels.label(e.reason(), Language.EN));
        json.put("reasonLabel", labels);
        json.put("bounceType", e.bounceType());
        json.put("diagnostic", e.diagnostic());
        json.put("verified", e.verified());
        json.put("checked", row.checked());
        json.put("checkedAt", Json.time(row.checkedAt()));
        json.put("checkedBy", row.checkedBy());
        return json;
    }

    public static Map<String, Object> detail(EventRow row) {
        BounceEvent e = row.event();
        Map<String, Object> json = item(row);
        json.put("remoteMta", e.remoteMta());
        json.put("reportingMta", e.reportingMta());
        json.put("messageId", e.messageId());
        json.put("feedbackType", e.feedbackType());
        Map<String, Object> texts = Json.map();
        for (Language language : Language.values()) {
            ReasonLabels.text(e.reason(), language).ifPresent(text -> texts.put(language.name().toLowerCase(), text(text)));
        }
        json.put("reasonText", texts);
        json.put("message", BounceRoutes.BASE + "/events/" + e.id() + "/message");
        json.put("address", BounceRoutes.BASE + "/addresses/" + e.recipient());
        return json;
    }

    static Map<String, Object> text(ReasonText text) {
        Map<String, Object> json = Json.map();
        json.put("label", text.label());
        json.put("meaning", text.meaning());
        json.put("action", text.action());
        return json;
    }
}
