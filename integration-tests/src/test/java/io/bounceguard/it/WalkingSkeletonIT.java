package io.bounceguard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.time.Duration;
import java.util.List;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.utils.DataProbeImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.bounceguard.store.BounceEvent;
import io.bounceguard.store.BounceStore;
import io.bounceguard.store.EventQuery;
import io.bounceguard.store.EventSource;
import io.bounceguard.store.StoreSettings;

/**
 * The whole idea, end to end, over SMTP against a real James 3.8.1 running the shipped conf/:
 * a newsletter goes out, a DSN for one recipient comes back, the event lands in the embedded H2
 * store, and the next newsletter is no longer relayed to that recipient.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkingSkeletonIT {
    private static final String SENDER = "news@james.local";
    private static final String DEAD = "a@remote.test";
    private static final String ALIVE = "b@remote.test";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final SmtpSink SINK = new SmtpSink();
    private static File workingDirectory;

    @RegisterExtension
    static JamesServerExtension james = ShippedJames.perClass(tmpDir -> {
        workingDirectory = tmpDir;
        ShippedConf.copyInto(tmpDir.toPath()).relayTo(SINK.port());
    });

    private static int smtpPort;

    @BeforeAll
    static void setUp(GuiceJamesServer server) throws Exception {
        smtpPort = server.getProbe(SmtpGuiceProbe.class).getSmtpPort().getValue();
        server.getProbe(DataProbeImpl.class).addUser(SENDER, "secret");
    }

    @AfterAll
    static void tearDown() throws Exception {
        SINK.close();
    }

    @Test
    @Order(1)
    void newsletterReachesBothRecipients() throws Exception {
        SmtpClient.send(smtpPort, SENDER, List.of(DEAD, ALIVE), Messages.newsletter(SENDER, "News 1"));

        await().atMost(PATIENCE).until(() -> SINK.deliveredRecipients().containsAll(List.of(DEAD, ALIVE)));
    }

    @Test
    @Order(2)
    void dsnWithNullSenderIsRecordedInH2() throws Exception {
        SmtpClient.send(smtpPort, "", List.of(SENDER),
            Messages.postfixDsn(SENDER, DEAD, "550 5.1.1 <" + DEAD + ">: Recipient address rejected: User unknown", "5.1.1"));

        BounceEvent event = await().atMost(PATIENCE).until(() -> firstEvent(DEAD, EventSource.INBOUND_DSN), e -> e != null);
        assertThat(event.recipient()).isEqualTo(DEAD);
        assertThat(event.status()).isEqualTo("5.1.1");
        assertThat(event.replyCode()).isEqualTo(550);
        assertThat(event.reason()).isEqualTo("userunknown");
        assertThat(event.bounceType()).isEqualTo("hard");
        assertThat(event.originalSender()).isEqualTo(SENDER);
    }

    @Test
    @Order(3)
    void nextNewsletterSkipsTheSuppressedAddressAndRecordsIt() throws Exception {
        SINK.clear();
        SmtpClient.send(smtpPort, SENDER, List.of(DEAD, ALIVE), Messages.newsletter(SENDER, "News 2"));

        await().atMost(PATIENCE).until(() -> SINK.deliveredRecipients().contains(ALIVE));
        BounceEvent blocked = await().atMost(PATIENCE)
            .until(() -> firstEvent(DEAD, EventSource.SUPPRESSED_AT_RELAY), e -> e != null);
        assertThat(blocked.originalSender()).isEqualTo(SENDER);
        assertThat(SINK.deliveredRecipients()).containsExactly(ALIVE);
    }

    private static BounceEvent firstEvent(String recipient, EventSource source) {
        try (BounceStore store = BounceStore.open(StoreSettings.defaults(workingDirectory.toPath()))) {
            return store.findEvents(EventQuery.builder().recipient(recipient).limit(100).build()).stream()
                .filter(event -> event.source() == source)
                .findFirst()
                .orElse(null);
        }
    }
}
