package io.bounceguard.mailet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bounceguard.classify.BounceClassifier;
import io.bounceguard.policy.SuppressionSystem;
import io.bounceguard.store.BounceEvent;
import io.bounceguard.store.EventQuery;
import io.bounceguard.store.EventSource;
import io.bounceguard.store.StoreSettings;

/** RemoteDelivery failures as James 3.8.1 hands them over, recorded in a real H2 store. */
class RecordDeliveryFailureTest {
    @TempDir
    Path workingDirectory;
    private SuppressionSystem system;
    private RecordDeliveryFailure mailet;

    @BeforeEach
    void setUp() throws Exception {
        system = SuppressionSystem.open(StoreSettings.defaults(workingDirectory));
        mailet = new RecordDeliveryFailure(BounceClassifier.withDefaultRules(), system.recorder());
        mailet.init(FakeMailetConfig.builder().mailetName("record").build());
    }

    @AfterEach
    void tearDown() {
        system.close();
    }

    private static FakeMail failed(String reply, boolean permanent, String... recipients) throws Exception {
        return FakeMail.builder().name("failed").sender("bounces+x@shop.test").recipients(recipients)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().addHeader("Message-ID", "<n1@shop.test>").setText("Hi"))
            .attribute(new Attribute(AttributeName.of("delivery-error"), AttributeValue.of(reply)))
            .attribute(new Attribute(AttributeName.of("is-delivery-permanent-error"), AttributeValue.of(permanent)))
            .attribute(new Attribute(AttributeName.of("delivery-error-code"), AttributeValue.of(250)))
            .attribute(new Attribute(AttributeName.of("bounceguard.originalSender"), AttributeValue.of("news@shop.test")))
            .build();
    }

    private List<BounceEvent> events(String recipient) {
        return system.store().findEvents(EventQuery.builder().recipient(recipient).limit(10).build());
    }

    @Test
    void aSeveralRecipientMailGivesTheKeptReplyToTheRecipientItNamesAndNoReplyToTheOthers() throws Exception {
        FakeMail mail = failed("550 5.1.1 <b@remote.test>: Recipient address rejected: User unknown", true,
            "a@remote.test", "b@remote.test");

        mailet.service(mail);

        assertThat(events("b@remote.test")).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("userunknown");
            assertThat(e.replyCode()).isEqualTo(550);
            assertThat(e.source()).isEqualTo(EventSource.REMOTE_DELIVERY);
            assertThat(e.originalSender()).isEqualTo("news@shop.test");
            assertThat(e.scope()).isEqualTo("shop.test");
            assertThat(e.messageId()).isEqualTo("<n1@shop.test>");
        });
        assertThat(events("a@remote.test")).singleElement().satisfies(e -> {
            assertThat(e.reason()).isNotEqualTo("userunknown");
            assertThat(e.bounceType()).isNotEqualTo("hard");
            assertThat(e.diagnostic()).isEqualTo("no reply kept by James for this recipient");
        });
        assertThat(mail.getAttribute(AttributeName.of("bounceguard.deliveryFailureRecorded"))).isPresent();
    }

    @Test
    void aReplyThatNamesNoRecipientAppliesToAll() throws Exception {
        mailet.service(failed("Too many retries failure. Bouncing after 3 retries.", false, "c@remote.test", "d@remote.test"));

        assertThat(events("c@remote.test")).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo("expired"));
        assertThat(events("d@remote.test")).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo("expired"));
    }

    @Test
    void aMailAlreadyRecordedIsNotRecordedAgain() throws Exception {
        FakeMail mail = failed("550 5.1.1 <e@remote.test>: User unknown", true, "e@remote.test");

        mailet.service(mail);
        mailet.service(mail);

        assertThat(events("e@remote.test")).hasSize(1);
    }
}
