package io.bounceguard.classify.corpus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import io.bounceguard.classify.Classification;
import io.bounceguard.classify.RecipientResult;

/** How one classification compares with its expected.json, field by field and per recipient. */
public final class CaseComparison {

    public final String name;
    public final boolean kindAgrees;
    public final boolean feedbackAgrees;
    public final boolean recipientsAgree;
    public int expectedRecipients;
    public int reasonAgreements;
    public int reasonComparable;
    public int bounceAgreements;
    public int fieldAgreements;
    public final List<String> differences = new ArrayList<>();

    public CaseComparison(CorpusCase c, Classification actual) {
        this.name = c.name();
        JsonNode exp = c.expected();
        String expKind = exp.path("kind").asText();
        kindAgrees = expKind.equals(actual.kind().id());
        if (!kindAgrees) {
            differences.add("kind " + actual.kind().id() + " != " + expKind);
        }
        String expFeedback = text(exp.get("feedbackType"));
        feedbackAgrees = Objects.equals(expFeedback, actual.feedbackType());
        if (!feedbackAgrees) {
            differences.add("feedbackType " + actual.feedbackType() + " != " + expFeedback);
        }
        Map<String, RecipientResult> byAddress = new HashMap<>();
        for (RecipientResult r : actual.recipients()) {
            byAddress.put(r.address(), r);
        }
        List<String> expectedAddresses = new ArrayList<>();
        for (JsonNode e : exp.path("recipients")) {
            expectedRecipients++;
            String address = e.path("address").asText();
            expectedAddresses.add(address);
            RecipientResult r = byAddress.get(address);
            if (r == null) {
                differences.add("missing recipient " + address);
                continue;
            }
            compareRecipient(e, r);
        }
        List<String> actualAddresses = new ArrayList<>(byAddress.keySet());
        recipientsAgree = expectedAddresses.size() == actual.recipients().size()
                && actualAddresses.containsAll(expectedAddresses);
        for (String a : actualAddresses) {
            if (!expectedAddresses.contains(a)) {
                differences.add("unexpected recipient " + a);
            }
        }
    }

    private void compareRecipient(JsonNode e, RecipientResult r) {
        String addr = r.address();
        boolean fields = true;
        fields &= same("action", addr, text(e.get("action")), r.action());
        fields &= same("status", addr, text(e.get("status")), r.status());
        Integer expCode = e.hasNonNull("replyCode") ? e.get("replyCode").asInt() : null;
        fields &= same("replyCode", addr, expCode == null ? null : expCode.toString(),
                r.replyCode() == null ? null : r.replyCode().toString());
        reasonComparable++;
        boolean reason = same("reason", addr, text(e.get("reason")), r.reason().id());
        boolean bounce = same("bounce", addr, text(e.get("bounce")), r.bounce().id());
        if (reason) {
            reasonAgreements++;
            if (bounce) {
                bounceAgreements++;
            }
        }
        if (fields && reason && bounce) {
            fieldAgreements++;
        }
    }

    private boolean same(String field, String address, String expected, String actual) {
        if (Objects.equals(expected, actual)) {
            return true;
        }
        differences.add(address + " " + field + " " + actual + " != " + expected);
        return false;
    }

    public boolean agrees() {
        return differences.isEmpty();
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
