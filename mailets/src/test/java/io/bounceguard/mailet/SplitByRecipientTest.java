package io.bounceguard.mailet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

class SplitByRecipientTest {
    private final FakeMailContext context = FakeMailContext.defaultContext();

    private SplitByRecipient mailet(String processor) throws MessagingException {
        SplitByRecipient mailet = new SplitByRecipient();
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("split").mailetContext(context);
        if (processor != null) {
            config.setProperty("processor", processor);
        }
        mailet.init(config.build());
        return mailet;
    }

    private static FakeMail mail(String... recipients) throws Exception {
        return FakeMail.builder().name("m1").state("relay").sender("news@shop.test")
            .recipients(recipients)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("News").setText("Hello"))
            .build();
    }

    @Test
    void theMailKeepsItsFirstRecipientAndEveryOtherGetsACopyInTheSameProcessor() throws Exception {
        FakeMail mail = mail("a@remote.test", "b@remote.test", "c@remote.test");

        mailet(null).service(mail);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("a@remote.test"));
        assertThat(context.getSentMails()).hasSize(2).allSatisfy(sent -> {
            assertThat(sent.getState()).isEqualTo("relay");
            assertThat(sent.getRecipients()).hasSize(1);
            assertThat(sent.getSender()).isEqualTo(new MailAddress("news@shop.test"));
            assertThat(sent.getSubject()).contains("News");
        });
        assertThat(context.getSentMails()).extracting(sent -> sent.getRecipients().iterator().next().asString())
            .containsExactlyInAnyOrder("b@remote.test", "c@remote.test");
    }

    @Test
    void copiesGoToTheConfiguredProcessor() throws Exception {
        mailet("outbound").service(mail("a@remote.test", "b@remote.test"));

        assertThat(context.getSentMails()).singleElement().satisfies(sent -> assertThat(sent.getState()).isEqualTo("outbound"));
    }

    @Test
    void aOneRecipientMailIsLeftAlone() throws Exception {
        FakeMail mail = mail("a@remote.test");

        mailet(null).service(mail);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("a@remote.test"));
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void anEmptyProcessorParameterIsRefusedAtInit() {
        assertThatThrownBy(() -> mailet(" ")).isInstanceOf(MessagingException.class).hasMessageContaining("processor");
    }
}
