package io.bounceguard.classify.rules;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.bounceguard.classify.Reason;
import io.bounceguard.classify.RulesException;

/**
 * Reads one YAML rules file (sections {@code hosts}, {@code status}, {@code text}, each a list of entries) into
 * a {@link RuleSet}, compiling every pattern once. Faults are reported with file, line and cause.
 */
public final class RulesLoader {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(YAML);
    private static final Pattern STATUS_CODE = Pattern.compile("[245x]\\.\\d{1,3}\\.\\d{1,3}");

    private RulesLoader() {
    }

    static RuleSet load(InputStream in, String source) throws RulesException {
        List<HostRule> hosts = new ArrayList<>();
        List<StatusRule> statuses = new ArrayList<>();
        List<TextRule> texts = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(in)) {
            parser.setCodec(MAPPER);
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new RuleSet(source, hosts, statuses, texts);
            }
            if (first != JsonToken.START_OBJECT) {
                throw fault(source, parser.currentTokenLocation(), "the file must be a mapping of sections");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String section = parser.getCurrentName();
                JsonLocation sectionAt = parser.currentTokenLocation();
                JsonToken value = parser.nextToken();
                if (section.equals("version") || section.equals("description")) {
                    parser.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    throw fault(source, sectionAt, "section '" + section + "' must be a list");
                }
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    JsonLocation at = parser.currentTokenLocation();
                    JsonNode entry = parser.readValueAsTree();
                    String origin = source + ":" + at.getLineNr();
                    switch (section) {
                        case "hosts":
                            hosts.addAll(hostRules(entry, origin, source, at));
                            break;
                        case "status":
                            statuses.add(statusRule(entry, origin, source, at));
                            break;
                        case "text":
                            texts.add(textRule(entry, origin, source, at));
                            break;
                        default:
                            throw fault(source, sectionAt, "unknown section '" + section
                                    + "' (expected hosts, status or text)");
                    }
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new RulesException(source, at == null ? 0 : at.getLineNr(), "YAML syntax: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RulesException(source, 0, "cannot read: " + e.getMessage(), e);
        }
        return new RuleSet(source, hosts, statuses, texts);
    }

    private static StatusRule statusRule(JsonNode entry, String origin, String source, JsonLocation at)
            throws RulesException {
        String code = required(entry, "code", source, at).toLowerCase(Locale.ROOT);
        if (!STATUS_CODE.matcher(code).matches()) {
            throw fault(source, at, "bad status code '" + code + "' (expected c.s.d, class 4, 5 or x)");
        }
        return new StatusRule(code, reason(entry, source, at), entry.path("strong").asBoolean(false),
                origin + " status " + code);
    }

    private static TextRule textRule(JsonNode entry, String origin, String source, JsonLocation at)
            throws RulesException {
        Reason reason = reason(entry, source, at);
        List<String> phrases = new ArrayList<>();
        for (JsonNode phrase : entry.path("phrases")) {
            String p = normalisePhrase(phrase.asText());
            if (p.isEmpty()) {
                throw fault(source, at, "empty phrase for reason " + reason.id());
            }
            phrases.add(p);
        }
        List<Pattern> patterns = new ArrayList<>();
        for (JsonNode regex : entry.path("patterns")) {
            try {
                patterns.add(Pattern.compile(regex.asText(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
            } catch (PatternSyntaxException e) {
                throw fault(source, at, "bad pattern for reason " + reason.id() + ": " + e.getDescription()
                        + " in '" + regex.asText() + "'");
            }
        }
        if (phrases.isEmpty() && patterns.isEmpty()) {
            throw fault(source, at, "text rule for reason " + reason.id() + " has neither phrases nor patterns");
        }
        String implies = null;
        if (entry.hasNonNull("implies")) {
            implies = entry.get("implies").asText().trim().toLowerCase(Locale.ROOT);
            if (!implies.startsWith("x.") || !STATUS_CODE.matcher(implies).matches()) {
                throw fault(source, at, "bad 'implies' code '" + implies + "' (expected x.s.d)");
            }
        }
        return new TextRule(reason, phrases, patterns, implies, origin + " text " + reason.id());
    }

    private static List<HostRule> hostRules(JsonNode entry, String origin, String source, JsonLocation at)
            throws RulesException {
        List<String> domains = new ArrayList<>();
        for (JsonNode domain : entry.path("domains")) {
            domains.add(domain.asText().trim().toLowerCase(Locale.ROOT));
        }
        if (domains.isEmpty()) {
            throw fault(source, at, "host entry without 'domains'");
        }
        JsonNode rules = entry.path("rules");
        if (!rules.isArray() || rules.isEmpty()) {
            throw fault(source, at, "host entry without 'rules'");
        }
        List<HostRule> out = new ArrayList<>();
        for (JsonNode rule : rules) {
            String command = rule.hasNonNull("command") ? rule.get("command").asText().toUpperCase(Locale.ROOT) : null;
            Boolean names = rule.hasNonNull("reply-names-address") ? rule.get("reply-names-address").asBoolean() : null;
            TextRule text = textRule(rule, origin, source, at);
            String name = text.origin().replace(" text ", " host " + domains.get(0) + " ");
            out.add(new HostRule(domains, command, names,
                    new TextRule(text.reason(), text.phrases(), text.patterns(), text.implies(), name)));
        }
        return out;
    }

    private static Reason reason(JsonNode entry, String source, JsonLocation at) throws RulesException {
        String id = required(entry, "reason", source, at);
        try {
            return Reason.fromId(id);
        } catch (IllegalArgumentException e) {
            throw fault(source, at, e.getMessage());
        }
    }

    private static String required(JsonNode entry, String field, String source, JsonLocation at)
            throws RulesException {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw fault(source, at, "missing '" + field + "'");
        }
        return value.asText().trim();
    }

    /** Phrases are matched against {@link TextNormalizer} output, so they are normalised the same way. */
    static String normalisePhrase(String phrase) {
        return TextNormalizer.normalise(phrase);
    }

    private static RulesException fault(String source, JsonLocation at, String cause) {
        return new RulesException(source, at == null ? 0 : at.getLineNr(), cause, null);
    }
}
