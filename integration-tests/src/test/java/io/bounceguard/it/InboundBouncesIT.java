package io.bounceguard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.utils.DataProbeImpl;
import org.apache.james.utils.MailRepositoryProbeImpl;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.bounceguard.store.BounceEvent;
import io.bounceguard.store.EventSource;

/**
 * Path 1: asynchronous bounces arriving by SMTP at a real James 3.8.1 running the shipped conf/ (signing off,
 * suppressions per sender domain). Each kind of notice from the shared corpus is sent as a remote MTA would,
 * with a null or a real envelope sender, recorded with the classifier's verdict, and kept in the
 * bounce-guard mail repository with its kind; a notice that only looks like a bounce is relayed unchanged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboundBouncesIT {
    private static final String SENDER = "news@james.local";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final MailRepositoryUrl CAUGHT = MailRepositoryUrl.from("memory://var/mail/bounce-guard/");
    private static final AttributeName KIND = AttributeName.of("bounceguard.kind");

    private static final SmtpSink SINK = new SmtpSink();
    private static File workingDirectory;

    @RegisterExtension
    static JamesServerExtension james = ShippedJames.perClass(tmpDir -> {
        workingDirectory = tmpDir;
        ShippedConf.copyInto(tmpDir.toPath()).relayTo(SINK.port())
            .write("bounce-guard.properties", "policy.scope=sender-domain\n");
    });

    private int smtpPort;
    private MailRepositoryProbeImpl repositories;
    private StoreProbe store;

    @BeforeAll
    void setUp(GuiceJamesServer server) throws Exception {
        smtpPort = server.getProbe(SmtpGuiceProbe.class).getSmtpPort().getValue();
        repositories = server.getProbe(MailRepositoryProbeImpl.class);
        server.getProbe(DataProbeImpl.class).addUser(SENDER, "secret");
        store = StoreProbe.h2(workingDirectory);
    }

    @AfterAll
    void tearDown() throws Exception {
        store.close();
        SINK.close();
    }

    @Test
    void rfc3464DsnFromAJapaneseCarrierWithNullSender() throws Exception {
        SmtpClient.send(smtpPort, "", List.of(SENDER), Corpus.message("jp/softbank-invalid-recipient"));

        BounceEvent event = awaitEvent("misaki.w-22@softbank.ne.jp", EventSource.INBOUND_DSN);
        assertThat(event.reason()).isEqualTo("userunknown");
        assertThat(event.bounceType()).isEqualTo("hard");
        assertThat(event.verified()).as("signing off: every bounce counts").isTrue();
        awaitCaught("dsn", "Invalid recipient");
    }

    @Test
    void nonStandardMailerDaemonNoticeWithARealEnvelopeSender() throws Exception {
        SmtpClient.send(smtpPort, "MAILER-DAEMON@aol.com", List.of(SENDER), Corpus.message("nonstandard/aol-mailbox-not-found"));

        BounceEvent event = awaitEvent("kenjitokyo77@aol.com", EventSource.NONSTANDARD_BOUNCE);
        assertThat(event.reason()).isEqualTo("userunknown");
        assertThat(event.bounceType()).isEqualTo("hard");
        awaitCaught("nonstandard", "MAILBOX NOT FOUND");
    }

    @Test
    void japaneseShiftJisNoticeWithoutReportPart() throws Exception {
        SmtpClient.send(smtpPort, "", List.of(SENDER), Corpus.message("jp/mdaemon-ja-shiftjis-no-such-user"));

        BounceEvent event = awaitEvent("kimura.takeshi@kougyou.example.co.jp", EventSource.NONSTANDARD_BOUNCE);
        assertThat(event.reason()).isEqualTo("userunknown");
    }

    @Test
    void arfComplaintFromAFeedbackLoopWithARealSender() throws Exception {
        SmtpClient.send(smtpPort, "feedback@arf.mail.yahoo.com", List.of(SENDER), Corpus.message("complaint/yahoo-cfl-abuse"));

        BounceEvent event = awaitEvent("sakura.ito@yahoo.example", EventSource.COMPLAINT);
        assertThat(event.feedbackType()).isEqualTo("abuse");
        assertThat(event.reason()).isEqualTo("feedback");
        awaitCaught("complaint", "feedback-report");
    }

    @Test
    void autoReplyWithARealSenderAndNoReportPart() throws Exception {
        SmtpClient.send(smtpPort, "tanabe@example.org", List.of(SENDER), Corpus.message("autoreply/gmail-vacation"));

        BounceEvent event = awaitEvent("tanabe@example.org", EventSource.AUTOREPLY);
        assertThat(event.reason()).isEqualTo("vacation");
        assertThat(event.bounceType()).isEqualTo("none");
        awaitCaught("autoreply", "Out of office");
    }

    @Test
    void aMailerDaemonNoticeThatIsNoBounceGoesOnUnchanged() throws Exception {
        String owner = "postmaster@remote.test";
        SmtpClient.send(smtpPort, "", List.of(owner), Corpus.message("notbounce/mailer-daemon-queue-report"));

        SmtpSink.Delivery delivery = await().atMost(PATIENCE).until(() -> SINK.deliveries().stream()
            .filter(d -> d.recipients().contains(owner)).findFirst().orElse(null), d -> d != null);
        assertThat(delivery.data()).contains("Subject: Mail queue report for mx2.example.com");
        assertThat(caught()).noneMatch(mail -> contains(mail, "Mail queue report"));
        assertThat(store.events(owner)).isEmpty();
    }

    @Test
    void suppressionsFollowTheSenderDomainOfTheBouncedMail() throws Exception {
        String dead = "scoped@remote.test";
        String shopA = "news@shop-a.test";
        String shopB = "news@shop-b.test";
        SmtpClient.send(smtpPort, "", List.of(shopA),
            Messages.postfixDsn(shopA, dead, "550 5.1.1 <" + dead + ">: Recipient address rejected: User unknown", "5.1.1"));
        await().atMost(PATIENCE).until(() -> store.isSuppressed(dead, "shop-a.test"));
        assertThat(store.isSuppressed(dead, null)).as("not on the global list").isFalse();

        SmtpClient.send(smtpPort, shopA, List.of(dead), Messages.newsletter(shopA, "From shop A"));
        SmtpClient.send(smtpPort, shopB, List.of(dead), Messages.newsletter(shopB, "From shop B"));

        await().atMost(PATIENCE).until(() -> !store.events(dead, EventSource.SUPPRESSED_AT_RELAY).isEmpty());
        await().atMost(PATIENCE).until(() -> SINK.deliveries().stream()
            .anyMatch(d -> d.recipients().contains(dead) && d.data().contains("From shop B")));
        assertThat(SINK.deliveries()).noneMatch(d -> d.recipients().contains(dead) && d.data().contains("From shop A"));
        assertThat(store.events(dead, EventSource.SUPPRESSED_AT_RELAY)).singleElement()
            .satisfies(e -> assertThat(e.originalSender()).isEqualTo(shopA));
    }

    private BounceEvent awaitEvent(String recipient, EventSource source) {
        return await().atMost(PATIENCE).until(() -> store.events(recipient, source), events -> !events.isEmpty()).get(0);
    }

    /** Waits until the repository holds a caught message of this kind whose text contains {@code marker}. */
    private void awaitCaught(String kind, String marker) {
        await().atMost(PATIENCE).until(() -> caught().stream().anyMatch(mail -> hasKind(mail, kind) && contains(mail, marker)));
    }

    private List<Mail> caught() throws Exception {
        List<Mail> mails = new ArrayList<>();
        for (MailKey key : repositories.listMailKeys(CAUGHT)) {
            mails.add(repositories.getMail(CAUGHT, key));
        }
        return mails;
    }

    private static boolean hasKind(Mail mail, String kind) {
        return mail.getAttribute(KIND).map(a -> kind.equals(a.getValue().value())).orElse(false);
    }

    private static boolean contains(Mail mail, String marker) {
        try (java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            mail.getMessage().writeTo(out);
            return out.toString(java.nio.charset.StandardCharsets.ISO_8859_1).contains(marker);
        } catch (Exception e) {
            return false;
        }
    }
}
