package io.bounceguard.cli;

import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.bounceguard.classify.Classification;
import io.bounceguard.classify.ReasonCatalog;
import io.bounceguard.classify.ReasonText;
import io.bounceguard.classify.RecipientResult;

/** Writes one classification as a one-line JSON object with the fields of the corpus's expected.json. */
final class ResultJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean explain;
    private final ReasonCatalog catalog = ReasonCatalog.shipped();

    ResultJson(boolean explain) {
        this.explain = explain;
    }

    String line(String file, Classification c) {
        ObjectNode out = JSON.createObjectNode();
        out.put("file", file);
        out.put("kind", c.kind().id());
        ArrayNode recipients = out.putArray("recipients");
        for (RecipientResult r : c.recipients()) {
            ObjectNode n = recipients.addObject();
            n.put("address", r.address());
            n.put("action", r.action());
            n.put("status", r.status());
            n.put("replyCode", r.replyCode());
            n.put("reason", r.reason().id());
            n.put("bounce", r.bounce().id());
            if (explain) {
                n.put("diagnostic", r.diagnostic());
                n.put("remoteMta", r.remoteMta());
                n.put("smtpCommand", r.smtpCommand());
                n.put("module", r.module());
                n.put("rule", r.rule());
                ObjectNode text = n.putObject("text");
                text.set("ja", text(catalog.text(r.reason(), Locale.JAPANESE)));
                text.set("en", text(catalog.text(r.reason(), Locale.ENGLISH)));
            }
        }
        out.put("feedbackType", c.feedbackType());
        if (c.error() != null) {
            out.put("error", c.error());
        }
        return write(out);
    }

    String error(String file, String error) {
        ObjectNode out = JSON.createObjectNode();
        out.put("file", file);
        out.put("error", error);
        return write(out);
    }

    private static ObjectNode text(ReasonText t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("label", t.label());
        n.put("meaning", t.meaning());
        n.put("action", t.action());
        return n;
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return "{\"error\":\"cannot write JSON\"}";
        }
    }
}
