package io.bounceguard.webadmin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.mail.BodyPart;
import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.internet.MimeMessage;

import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.mailet.Mail;

import io.bounceguard.store.BounceEvent;

/**
 * Finds the bounce message an event came from among the mails kept in James's bounce-guard mail repositories
 * (the ones whose path contains {@code bounce-guard}), by the original Message-ID it quotes, else by the
 * recipient, the closest in time winning; and shows its headers and readable text.
 */
public final class CaughtMessages {
    static final int MAX_SCANNED = 10_000;
    static final int MAX_TEXT = 64 * 1024;

    private final MailRepositoryStore repositories;

    public CaughtMessages(MailRepositoryStore repositories) {
        this.repositories = repositories;
    }

    /** The kept message of the event, as {@code {repository, key, headers: [{name, value}], text}}. */
    public Optional<Map<String, Object>> find(BounceEvent event) throws Exception {
        String needle = event.messageId() != null && !event.messageId().isBlank() ? event.messageId() : event.recipient();
        Match best = null;
        int scanned = 0;
        List<MailRepositoryUrl> urls = repositories.getUrls()
            .filter(url -> url.asString().contains("bounce-guard"))
            .collect(Collectors.toList());
        for (MailRepositoryUrl url : urls) {
            Optional<MailRepository> repository = repositories.get(url);
            if (repository.isEmpty()) {
                continue;
            }
            Iterator<MailKey> keys = repository.get().list();
            while (keys.hasNext() && scanned++ < MAX_SCANNED) {
                MailKey key = keys.next();
                Mail mail = repository.get().retrieve(key);
                if (mail == null || !raw(mail.getMessage()).contains(needle)) {
                    continue;
                }
                long distance = mail.getLastUpdated() == null ? Long.MAX_VALUE
                    : Math.abs(Duration.between(mail.getLastUpdated().toInstant(), event.time()).toMillis());
                if (best == null || distance < best.distance()) {
                    best = new Match(url, key, mail.getMessage(), distance);
                }
            }
        }
        return best == null ? Optional.empty() : Optional.of(best.json());
    }

    private record Match(MailRepositoryUrl url, MailKey key, MimeMessage message, long distance) {
        Map<String, Object> json() throws MessagingException, IOException {
            Map<String, Object> json = Json.map();
            json.put("repository", url.asString());
            json.put("key", key.asString());
            List<Map<String, String>> headers = new ArrayList<>();
            for (Header header : Collections.list(message.getAllHeaders())) {
                headers.add(Map.of("name", header.getName(), "value", header.getValue()));
            }
            json.put("headers", headers);
            json.put("text", text(message).map(t -> t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) : t).orElse(null));
            return json;
        }
    }

    private static String raw(MimeMessage message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Optional<String> text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            Object content = part.getContent();
            return content instanceof String ? Optional.of((String) content) : Optional.empty();
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                Optional<String> text = text(child);
                if (text.isPresent()) {
                    return text;
                }
            }
        }
        return Optional.empty();
    }
}
