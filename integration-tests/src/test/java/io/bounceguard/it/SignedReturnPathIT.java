package io.bounceguard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.utils.DataProbeImpl;
import org.apache.james.utils.MailRepositoryProbeImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.bounceguard.store.BounceEvent;
import io.bounceguard.store.EventSource;

/**
 * Verifying that a bounce is ours, against a real James 3.8.1 with signing on: the SMTP hook accepts signed
 * return paths that ValidRcptHandler would refuse, a valid token attributes a bounce to exactly its recipient
 * (even an unreadable one, even one naming somebody else), complaints are matched through the enclosed
 * original's Return-Path, and forged bounces are recorded unverified.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignedReturnPathIT {
    private static final String SENDER = "news@james.local";
    private static final String FBL_MAILBOX = "fbl@james.local";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final SmtpSink SINK = new SmtpSink();
    private static File workingDirectory;

    @RegisterExtension
    static JamesServerExtension james = ShippedJames.perClass(tmpDir -> {
        workingDirectory = tmpDir;
        ShippedConf.copyInto(tmpDir.toPath()).relayTo(SINK.port())
            .write("bounce-guard.properties", "verp.enabled=true\n"
                + "verp.secret=integration-test-secret-0123456789\n"
                + "verp.trustedFeedbackReporters=fbl.trusted.test\n");
    });

    private int smtpPort;
    private StoreProbe store;
    private MailRepositoryProbeImpl repositories;

    @BeforeAll
    void setUp(GuiceJamesServer server) throws Exception {
        smtpPort = server.getProbe(SmtpGuiceProbe.class).getSmtpPort().getValue();
        repositories = server.getProbe(MailRepositoryProbeImpl.class);
        DataProbeImpl data = server.getProbe(DataProbeImpl.class);
        data.addUser(SENDER, "secret");
        data.addUser(FBL_MAILBOX, "secret");
        store = StoreProbe.h2(workingDirectory);
    }

    @AfterAll
    void tearDown() throws Exception {
        store.close();
        SINK.close();
    }

    @Test
    void theSignedReturnPathIsAcceptedAtRcptWhileOtherUnknownLocalAddressesAreStillRefused() throws Exception {
        String signed = returnPathOfNewsletterTo("rcpt-check@remote.test");

        assertThat(signed).matches("bounces\\+[0-9a-z]+\\.[0-9a-f]{16}\\+rcpt-check=remote\\.test@james\\.local");
        assertThat(SmtpClient.rcptReply(smtpPort, "", signed)).startsWith("250");
        assertThat(SmtpClient.rcptReply(smtpPort, "", "bounces+rcpt-check=remote.test@james.local")).startsWith("550");
        assertThat(SmtpClient.rcptReply(smtpPort, "", "nobody@james.local")).startsWith("550");
    }

    @Test
    void aBounceToTheSignedReturnPathCountsForTheTokenRecipientOnlyAndSuppressesIt() throws Exception {
        String mailed = "taro@remote.test";
        String named = "forwarded-to@elsewhere.test";
        String signed = returnPathOfNewsletterTo(mailed);

        SmtpClient.send(smtpPort, "", List.of(signed),
            Messages.postfixDsn(signed, named, "550 5.1.1 <" + named + ">: Recipient address rejected: User unknown", "5.1.1"));

        BounceEvent event = awaitEvent(mailed, EventSource.INBOUND_DSN);
        assertThat(event.verified()).isTrue();
        assertThat(event.reason()).isEqualTo("userunknown");
        assertThat(event.scope()).isEqualTo("james.local");
        assertThat(store.events(named)).isEmpty();

        await().atMost(PATIENCE).until(() -> store.isSuppressed(mailed, null));
        SmtpClient.send(smtpPort, SENDER, List.of(mailed), Messages.newsletter(SENDER, "After the bounce"));
        awaitEvent(mailed, EventSource.SUPPRESSED_AT_RELAY);
        assertThat(SINK.deliveries()).noneMatch(d -> d.recipients().contains(mailed) && d.data().contains("After the bounce"));
    }

    @Test
    void anUnreadableBounceToTheSignedReturnPathIsStillAttributedToItsRecipient() throws Exception {
        String mailed = "jiro@remote.test";
        String signed = returnPathOfNewsletterTo(mailed);

        SmtpClient.send(smtpPort, "", List.of(signed), "From: MAILER-DAEMON@mx.remote.test\r\n"
            + "Subject: failure notice\r\n\r\nSorry, it did not work out.\r\n");

        BounceEvent event = awaitEvent(mailed, null);
        assertThat(event.verified()).isTrue();
        assertThat(event.recipient()).isEqualTo(mailed);
    }

    @Test
    void aHumanReplyToTheSignedReturnPathIsKeptNotRecordedAndNotBouncedBack() throws Exception {
        String mailed = "grace.lee@example.net";
        String signed = returnPathOfNewsletterTo(mailed);

        SmtpClient.send(smtpPort, mailed, List.of(signed), Corpus.message("notbounce/human-unsubscribe-request"));

        MailRepositoryUrl caught = MailRepositoryUrl.from("memory://var/mail/bounce-guard/");
        await().atMost(PATIENCE).until(() -> {
            for (MailKey key : repositories.listMailKeys(caught)) {
                if ("RE: Spring sale: 30% off everything until Sunday".equals(repositories.getMail(caught, key).getMessage().getSubject())) {
                    return true;
                }
            }
            return false;
        });
        assertThat(store.events(mailed)).isEmpty();
        assertThat(SINK.deliveries()).filteredOn(d -> d.recipients().contains(mailed)).hasSize(1);
    }

    @Test
    void aComplaintIsMatchedThroughTheReturnPathOfTheEnclosedOriginal() throws Exception {
        String complainer = "sakura.ito@yahoo.example";
        String signed = returnPathOfNewsletterTo(complainer);
        byte[] arf = replace(Corpus.message("complaint/yahoo-cfl-abuse"),
            "bounce-0304-sakura.ito=yahoo.example@bounce.example.com", signed);

        SmtpClient.send(smtpPort, "feedback@arf.mail.yahoo.com", List.of(FBL_MAILBOX), arf);

        BounceEvent event = awaitEvent(complainer, EventSource.COMPLAINT);
        assertThat(event.verified()).isTrue();
        assertThat(event.feedbackType()).isEqualTo("abuse");
    }

    @Test
    void aComplaintWithoutTokenCountsOnlyFromATrustedFeedbackLoop() throws Exception {
        byte[] trusted = replace(replace(Corpus.message("complaint/yahoo-cfl-abuse"),
            "bounce-0304-sakura.ito=yahoo.example@bounce.example.com", SENDER), "sakura.ito@yahoo.example", "trusted@yahoo.example");
        byte[] untrusted = replace(replace(Corpus.message("complaint/yahoo-cfl-abuse"),
            "bounce-0304-sakura.ito=yahoo.example@bounce.example.com", SENDER), "sakura.ito@yahoo.example", "untrusted@yahoo.example");

        SmtpClient.send(smtpPort, "feedback@fbl.trusted.test", List.of(FBL_MAILBOX), trusted);
        SmtpClient.send(smtpPort, "feedback@arf.mail.yahoo.com", List.of(FBL_MAILBOX), untrusted);

        assertThat(awaitEvent("trusted@yahoo.example", EventSource.COMPLAINT).verified()).isTrue();
        assertThat(awaitEvent("untrusted@yahoo.example", EventSource.COMPLAINT).verified()).isFalse();
    }

    @Test
    void aForgedDsnNamingAnAddressWeNeverMailedIsRecordedUnverified() throws Exception {
        String never = "never-mailed@victim.test";
        SmtpClient.send(smtpPort, "", List.of(SENDER),
            Messages.postfixDsn(SENDER, never, "550 5.1.1 <" + never + ">: Recipient address rejected: User unknown", "5.1.1"));

        BounceEvent event = awaitEvent(never, EventSource.INBOUND_DSN);
        assertThat(event.verified()).isFalse();
    }

    @Test
    void aDsnToASignedReturnPathWithAForgedMacIsRecordedUnverified() throws Exception {
        String mailed = "saburo@remote.test";
        String signed = returnPathOfNewsletterTo(mailed);
        String mac = signed.substring(signed.indexOf('.') + 1, signed.indexOf('.') + 17);
        String otherMac = mac.equals("0000000000000000") ? "1111111111111111" : "0000000000000000";
        String forged = signed.replace("." + mac + "+", "." + otherMac + "+");

        SmtpClient.send(smtpPort, "", List.of(forged),
            Messages.postfixDsn(forged, mailed, "550 5.1.1 <" + mailed + ">: Recipient address rejected: User unknown", "5.1.1"));

        BounceEvent event = awaitEvent(mailed, EventSource.INBOUND_DSN);
        assertThat(event.verified()).isFalse();
    }

    @Test
    void aForgedDsnDoesNotSuppress() throws Exception {
        String victim = "victim@customer.test";
        SmtpClient.send(smtpPort, "", List.of(SENDER),
            Messages.postfixDsn(SENDER, victim, "550 5.1.1 <" + victim + ">: Recipient address rejected: User unknown", "5.1.1"));
        awaitEvent(victim, EventSource.INBOUND_DSN);

        SmtpClient.send(smtpPort, SENDER, List.of(victim), Messages.newsletter(SENDER, "Still mailed"));

        await().atMost(PATIENCE).until(() -> SINK.deliveredRecipients().contains(victim));
        assertThat(store.isSuppressed(victim, null)).isFalse();
    }

    /** Sends a newsletter to one recipient and returns the envelope sender the sink saw for it. */
    private String returnPathOfNewsletterTo(String recipient) throws Exception {
        SmtpClient.send(smtpPort, SENDER, List.of(recipient), Messages.newsletter(SENDER, "News for " + recipient));
        return await().atMost(PATIENCE).until(() -> SINK.deliveries().stream()
            .filter(d -> d.recipients().contains(recipient))
            .map(SmtpSink.Delivery::from)
            .findFirst().orElse(null), from -> from != null);
    }

    private BounceEvent awaitEvent(String recipient, EventSource source) {
        return await().atMost(PATIENCE).until(
            () -> source == null ? store.events(recipient) : store.events(recipient, source), e -> !e.isEmpty()).get(0);
    }

    private static byte[] replace(byte[] message, String from, String to) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        assertThat(text).contains(from);
        return text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }
}
