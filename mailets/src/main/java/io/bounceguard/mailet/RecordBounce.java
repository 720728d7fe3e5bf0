package io.bounceguard.mailet;

import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bounceguard.classify.BounceClassifier;
import io.bounceguard.classify.Classification;
import io.bounceguard.classify.RecipientResult;
import io.bounceguard.classify.RulesException;
import io.bounceguard.metrics.BounceMetrics;
import io.bounceguard.policy.EventRecorder;
import io.bounceguard.store.BounceEvent;
import io.bounceguard.verp.SignedReturnPath;

/**
 * Classifies an inbound message that may be a bounce, complaint or auto-reply and records one
 * event per reported recipient. It sets the attribute {@value #KIND_ATTRIBUTE} to the message
 * kind ({@code dsn}, {@code nonstandard}, {@code complaint}, {@code autoreply}, {@code notbounce})
 * so that the processor can route the caught message afterwards; it never changes the message.
 *
 * <p>With signed return paths on ({@code verp.enabled}), a valid token attributes the bounce to exactly
 * the recipient it names and the event is verified; without one the events are recorded unverified
 * (complaints from {@code verp.trustedFeedbackReporters} excepted). The attribute
 * {@code bounceguard.verified} tells which. A DSN that James wrote itself for a RemoteDelivery failure
 * already recorded by {@link RecordDeliveryFailure} is classified but not recorded again.
 *
 * <p>Parameter {@code rulesFile} (optional): an admin's own rules file, loaded in front of the
 * shipped rules, e.g. {@code file://conf/bounce-rules.yaml}.
 */
public class RecordBounce extends GenericMailet {
    public static final String KIND_ATTRIBUTE = "bounceguard.kind";
    private static final Logger LOGGER = LoggerFactory.getLogger(RecordBounce.class);

    private final BounceClassifier sharedClassifier;
    private final EventRecorder recorder;
    private final BounceMetrics metrics;
    private final FileSystem fileSystem;
    private final BounceAttribution attribution;
    private final Clock clock = Clock.systemUTC();
    private BounceClassifier classifier;

    @Inject
    public RecordBounce(BounceClassifier sharedClassifier, EventRecorder recorder, FileSystem fileSystem,
                        SignedReturnPath signedReturnPath, BounceMetrics metrics) {
        this.sharedClassifier = sharedClassifier;
        this.recorder = recorder;
        this.metrics = metrics;
        this.fileSystem = fileSystem;
        this.attribution = new BounceAttribution(signedReturnPath);
    }

    @Override
    public void init() throws MessagingException {
        Optional<String> rulesFile = getInitParameterAsOptional("rulesFile");
        if (rulesFile.isEmpty()) {
            classifier = sharedClassifier;
            return;
        }
        try {
            File file = fileSystem.getFile(rulesFile.get());
            classifier = BounceClassifier.withRules(List.of(Path.of(file.getPath())));
        } catch (RulesException e) {
            throw new MessagingException("RecordBounce: rules file " + rulesFile.get() + " is invalid: " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new MessagingException("RecordBounce: cannot open rules file " + rulesFile.get() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        byte[] raw = RawMessage.bytes(mail);
        long classifyStart = System.nanoTime();
        Classification classification = classifier.classify(raw);
        long classifyNanos = System.nanoTime() - classifyStart;
        mail.setAttribute(new Attribute(AttributeName.of(KIND_ATTRIBUTE), AttributeValue.of(classification.kind().id())));
        if (mail.getAttribute(MailAttributes.DELIVERY_FAILURE_RECORDED).isPresent()) {
            LOGGER.info("{}: James's own DSN for a delivery failure already recorded; not counted again", mail.getName());
            return;
        }
        List<MailAddress> envelopeRecipients = new ArrayList<>(mail.getRecipients());
        BounceAttribution.Attribution result = attribution.attribute(classification, envelopeRecipients, raw,
            reporterDomain(mail), clock.instant());
        result.verified().ifPresent(verified -> MailAttributes.set(mail, MailAttributes.VERIFIED, verified));
        if (!classification.kind().isBounce() && result.recipients().isEmpty()) {
            return;
        }
        boolean verified = result.verified().orElse(true);
        String originalSender = originalSender(mail, classification, result);
        String scope = result.senderDomain() != null ? result.senderDomain() : Addresses.domainOf(originalSender);
        for (RecipientResult recipient : result.recipients()) {
            BounceEvent event = BounceEvents.fromClassification(classification, recipient, originalSender).toBuilder()
                .scope(scope)
                .verified(verified)
                .build();
            metrics.classified(classification.kind().id(), recipient.reason().id(), recipient.bounce().id(),
                event.source().name(), classifyNanos);
            if (!verified) {
                metrics.unverified();
            }
            long storeStart = System.nanoTime();
            recorder.record(event);
            metrics.stored(System.nanoTime() - storeStart);
        }
        LOGGER.info("{}: {} with {} recipient(s) recorded, verified={}{}", mail.getName(), classification.kind().id(),
            result.recipients().size(), verified, result.failure() == null ? "" : " (" + result.failure() + ")");
    }

    /** The sender of the original mail: not a signed return path, which names the recipient instead. */
    private String originalSender(Mail mail, Classification classification, BounceAttribution.Attribution result) {
        String returnPath = classification.originalReturnPath();
        if (returnPath != null && !returnPath.isBlank()) {
            boolean signed = mail.getRecipients().stream().anyMatch(attribution::isSignedReturnPath)
                || isSignedReturnPath(returnPath);
            if (!signed) {
                return returnPath;
            }
        }
        return mail.getRecipients().stream()
            .filter(recipient -> !attribution.isSignedReturnPath(recipient))
            .findFirst().map(MailAddress::asString).orElse(null);
    }

    private boolean isSignedReturnPath(String address) {
        try {
            return attribution.isSignedReturnPath(new MailAddress(address));
        } catch (javax.mail.internet.AddressException e) {
            return false;
        }
    }

    /** The domain a complaint comes from: the envelope sender's, else the From header's. */
    private static String reporterDomain(Mail mail) throws MessagingException {
        Optional<MailAddress> sender = mail.getMaybeSender().asOptional();
        if (sender.isPresent()) {
            return sender.get().getDomain().asString();
        }
        String from = mail.getMessage().getHeader("From", ",");
        if (from == null) {
            return null;
        }
        String address = from.contains("<") && from.contains(">")
            ? from.substring(from.indexOf('<') + 1, from.indexOf('>', from.indexOf('<')))
            : from.trim();
        return Addresses.domainOf(address);
    }

    @Override
    public String getMailetInfo() {
        return "Bounce Guard: classify and record inbound bounces";
    }
}
