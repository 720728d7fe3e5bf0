package io.bounceguard.webadmin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.bounceguard.classify.Reason;
import spark.Request;
import spark.Response;

/** The reason catalogue: every reason with its label, meaning and recommended action in Japanese and English. */
public final class ReasonsHandler {
    private final String body = Json.render(Map.of("reasons", catalogue()));

    public Object reasons(Request request, Response response) {
        return body;
    }

    static List<Map<String, Object>> catalogue() {
        List<Map<String, Object>> reasons = new ArrayList<>();
        for (Reason reason : Reason.values()) {
            Map<String, Object> json = Json.map();
            json.put("reason", reason.id());
            json.put("addressFailure", reason.isAddressFailure());
            json.put("bounceTypeWhenPermanent", reason.bounceType(true).id());
            json.put("bounceTypeWhenTemporary", reason.bounceType(false).id());
            for (Language language : Language.values()) {
                ReasonLabels.text(reason.id(), language)
                    .ifPresent(text -> json.put(language.name().toLowerCase(), EventJson.text(text)));
            }
            reasons.add(json);
        }
        return reasons;
    }
}
