package io.bounceguard.mailet;

import java.io.File;
import java.nio.file.Path;
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
import io.bounceguard.policy.EventRecorder;

/**
 * Classifies an inbound message that may be a bounce, complaint or auto-reply and records one
 * event per reported recipient. It sets the attribute {@value #KIND_ATTRIBUTE} to the message
 * kind ({@code dsn}, {@code nonstandard}, {@code complaint}, {@code autoreply}, {@code notbounce})
 * so that the processor can route the caught message afterwards; it never changes the message.
 *
 * <p>Parameter {@code rulesFile} (optional): an admin's own rules file, loaded in front of the
 * shipped rules, e.g. {@code file://conf/bounce-rules.yaml}.
 */
public class RecordBounce extends GenericMailet {
    public static final String KIND_ATTRIBUTE = "bounceguard.kind";
    private static final Logger LOGGER = LoggerFactory.getLogger(RecordBounce.class);

    private final BounceClassifier sharedClassifier;
    private final EventRecorder recorder;
    private final FileSystem fileSystem;
    private BounceClassifier classifier;

    @Inject
    public RecordBounce(BounceClassifier sharedClassifier, EventRecorder recorder, FileSystem fileSystem) {
        this.sharedClassifier = sharedClassifier;
        this.recorder = recorder;
        this.fileSystem = fileSystem;
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
        Classification classification = classifier.classify(RawMessage.bytes(mail));
        mail.setAttribute(new Attribute(AttributeName.of(KIND_ATTRIBUTE), AttributeValue.of(classification.kind().id())));
        if (!classification.kind().isBounce() && classification.recipients().isEmpty()) {
            return;
        }
        String originalSender = originalSender(mail, classification);
        for (RecipientResult recipient : classification.recipients()) {
            recorder.record(BounceEvents.fromClassification(classification, recipient, originalSender));
        }
        LOGGER.info("{}: {} with {} recipient(s) recorded", mail.getName(), classification.kind().id(),
            classification.recipients().size());
    }

    private static String originalSender(Mail mail, Classification classification) {
        if (classification.originalReturnPath() != null) {
            return classification.originalReturnPath();
        }
        return mail.getRecipients().stream().findFirst().map(MailAddress::asString).orElse(null);
    }

    @Override
    public String getMailetInfo() {
        return "Bounce Guard: classify and record inbound bounces";
    }
}
