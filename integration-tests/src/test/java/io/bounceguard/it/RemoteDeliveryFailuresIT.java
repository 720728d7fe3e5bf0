package io.bounceguard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.time.Duration;
import java.util.List;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.bounceguard.store.BounceEvent;
import io.bounceguard.store.EventSource;

/**
 * Paths 2 and 3: synchronous failures of James's own RemoteDelivery, recorded in its bounceProcessor, and the
 * DSN James then writes (DSNBounce), which loops back through root: caught, not counted twice, and delivered
 * to the real sender. Signing is on, so every outbound mail is split to one recipient and carries a signed
 * return path; the events still name the real sender.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteDeliveryFailuresIT {
    private static final String SENDER = "news@shop.test";
    private static final String OK = "ok1@remote.test";
    private static final String UNKNOWN = "unknown1@remote.test";
    private static final String DISABLED = "disabled1@remote.test";
    private static final String TEMPFAIL = "tempfail1@remote.test";
    private static final String UNKNOWN_REPLY = "550 5.1.1 <" + UNKNOWN + ">: Recipient address rejected: User unknown";
    /** Not 552: James, like RFC 5321 4.5.3.1.10 allows, retries a 552 at RCPT as if it were 452. */
    private static final String DISABLED_REPLY = "550 5.2.1 <" + DISABLED + ">: Mailbox disabled, not accepting messages";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final SmtpSink SINK = new SmtpSink();
    private static File workingDirectory;

    @RegisterExtension
    static JamesServerExtension james = ShippedJames.perClass(tmpDir -> {
        workingDirectory = tmpDir;
        ShippedConf.copyInto(tmpDir.toPath()).relayTo(SINK.port())
            .replace("mailetcontainer.xml", "<delayTime>5000, 100000, 500000</delayTime>", "<delayTime>3 * 500 ms</delayTime>")
            .write("bounce-guard.properties", "verp.enabled=true\nverp.secret=integration-test-secret-0123456789\n");
    });

    private int smtpPort;
    private StoreProbe store;

    @BeforeAll
    void setUp(GuiceJamesServer server) {
        smtpPort = server.getProbe(SmtpGuiceProbe.class).getSmtpPort().getValue();
        store = StoreProbe.h2(workingDirectory);
        SINK.replyToRcpt(UNKNOWN, UNKNOWN_REPLY);
        SINK.replyToRcpt(DISABLED, DISABLED_REPLY);
        SINK.replyToRcpt(TEMPFAIL, "451 4.3.0 Try again later");
    }

    @AfterAll
    void tearDown() throws Exception {
        store.close();
        SINK.close();
    }

    @Test
    @Order(1)
    void everyFailedRecipientIsRecordedWithItsOwnReplyEvenThoughJamesKeepsOnlyOne() throws Exception {
        SmtpClient.send(smtpPort, SENDER, List.of(OK, UNKNOWN, DISABLED), Messages.newsletter(SENDER, "Split news"));

        BounceEvent unknown = awaitEvent(UNKNOWN);
        assertThat(unknown.reason()).isEqualTo("userunknown");
        assertThat(unknown.bounceType()).isEqualTo("hard");
        assertThat(unknown.replyCode()).as("from the reply text, not delivery-error-code (250)").isEqualTo(550);
        assertThat(unknown.diagnostic()).isEqualTo(UNKNOWN_REPLY);
        assertThat(unknown.originalSender()).as("the real sender, not the signed return path").isEqualTo(SENDER);
        assertThat(unknown.scope()).isEqualTo("shop.test");
        assertThat(unknown.verified()).isTrue();

        BounceEvent disabled = awaitEvent(DISABLED);
        assertThat(disabled.reason()).isEqualTo("suspend");
        assertThat(disabled.bounceType()).isEqualTo("soft");
        assertThat(disabled.diagnostic()).isEqualTo(DISABLED_REPLY);

        await().atMost(PATIENCE).until(() -> SINK.deliveredRecipients().contains(OK));
        SmtpSink.Delivery delivered = SINK.deliveries().stream().filter(d -> d.recipients().contains(OK)).findFirst().orElseThrow();
        assertThat(delivered.recipients()).containsExactly(OK);
        assertThat(delivered.from()).matches("bounces\\+[0-9a-z]+\\.[0-9a-f]{16}\\+ok1=remote\\.test@shop\\.test");
    }

    @Test
    @Order(2)
    void jamesOwnDsnLoopsBackIsDeliveredToTheRealSenderAndIsNotCountedAgain() {
        await().atMost(PATIENCE).until(() -> SINK.deliveries().stream()
            .anyMatch(d -> d.recipients().contains(SENDER) && d.data().contains("Final-Recipient: rfc822; " + UNKNOWN)));
        await().atMost(PATIENCE).until(() -> SINK.deliveries().stream()
            .anyMatch(d -> d.recipients().contains(SENDER) && d.data().contains("Final-Recipient: rfc822; " + DISABLED)));

        assertThat(store.events(UNKNOWN)).singleElement().satisfies(e -> assertThat(e.source()).isEqualTo(EventSource.REMOTE_DELIVERY));
        assertThat(store.events(DISABLED)).singleElement().satisfies(e -> assertThat(e.source()).isEqualTo(EventSource.REMOTE_DELIVERY));
    }

    @Test
    @Order(3)
    void exhaustedTemporaryFailuresAreRecordedAsExpiredSoft() throws Exception {
        SmtpClient.send(smtpPort, SENDER, List.of(TEMPFAIL), Messages.newsletter(SENDER, "Retry news"));

        BounceEvent expired = awaitEvent(TEMPFAIL);
        assertThat(expired.reason()).isEqualTo("expired");
        assertThat(expired.bounceType()).isEqualTo("soft");
        assertThat(expired.diagnostic()).startsWith("Too many retries failure");
        assertThat(expired.source()).isEqualTo(EventSource.REMOTE_DELIVERY);
    }

    private BounceEvent awaitEvent(String recipient) {
        return await().atMost(PATIENCE).until(() -> store.events(recipient, EventSource.REMOTE_DELIVERY), e -> !e.isEmpty()).get(0);
    }
}
