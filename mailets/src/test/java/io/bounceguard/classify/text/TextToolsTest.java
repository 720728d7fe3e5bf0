package io.bounceguard.classify.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextToolsTest {

    @Test
    void readsReplyAndEnhancedCodesWhereverMtasPutThem() {
        assertThat(SmtpReply.parse("550-5.1.1 The email account that you tried to reach does not exist"))
                .isEqualTo(new SmtpReply(550, "5.1.1"));
        assertThat(SmtpReply.parse("host mx.example.org[192.0.2.66] said: 550\n    Relaying Denied"))
                .isEqualTo(new SmtpReply(550, null));
        assertThat(SmtpReply.parse("Sorry, no mailbox here by that name. (#5.1.1)")).isEqualTo(new SmtpReply(null, "5.1.1"));
        assertThat(SmtpReply.parse("192.0.2.25 does not like recipient. Remote host said: 552 Line Too Long"))
                .isEqualTo(new SmtpReply(552, null));
        assertThat(SmtpReply.parse("421-4.7.28 rate limited, 5.1.1 elsewhere")).isEqualTo(new SmtpReply(421, "4.7.28"));
        assertThat(SmtpReply.parse("version 5.1.10.2 of 2024-05-06")).isEqualTo(SmtpReply.NONE);
        assertThat(SmtpReply.statusField(" 5.2.2 (mailbox full)")).isEqualTo("5.2.2");
        assertThat(SmtpReply.statusField("550 5.1.1 <a@b>: User unknown")).isNull();
        assertThat(SmtpReply.statusField("5.1")).isNull();
        assertThat(SmtpReply.isGeneric("5.0.0")).isTrue();
    }

    @Test
    void findsAddressesWithoutRepairingThem() {
        assertThat(Addresses.first("\"Taro\" <Taro@Example.JP>")).isEqualTo("taro@example.jp");
        assertThat(Addresses.all("'userx@example.uk', and b@c.example.")).containsExactly("userx@example.uk",
                "b@c.example");
        assertThat(Addresses.first("\"yamamoto@example.ne.jp... Unbalanced")).isEqualTo("\"yamamoto@example.ne.jp");
        assertThat(Addresses.first("no address @ here, user@localhost")).isNull();
        assertThat(Addresses.first("c=US;a= ;p=Corp;o=Gw;dda:SMTP=Hanako@Example.COM; on Fri")).isEqualTo("hanako@example.com");
        assertThat(Addresses.first("RFC822=jiro@example.jp")).isEqualTo("jiro@example.jp");
        assertThat(Addresses.fromReportField("rfc822; <Info@Example.ORG>")).isEqualTo("info@example.org");
        assertThat(Addresses.fromReportField("utf-8; \\x{5C71}\\x{7530}@example.jp")).isEqualTo("山田@example.jp");
    }

    @Test
    void decodesSignedReturnPaths() {
        assertThat(Verp.decode("bounces+tk3b9c.4f1c0e9a7d2b5e61+taro=example.jp@shop.example"))
                .isEqualTo("taro@example.jp");
        assertThat(Verp.decode("<Bounces+TK3B9C.4F1C0E9A7D2B5E61+Taro=Example.JP@shop.example>"))
                .isEqualTo("taro@example.jp");
        assertThat(Verp.decode("bounces+tk3b9c.4f1c0e9a7d2b5e61+k.tanaka-2024=example.jp@shop.example"))
                .isEqualTo("k.tanaka-2024@example.jp");
        assertThat(Verp.decode("bounces+tk3b9c.4f1c0e9a7d2b5e61+taro+news=example.jp@shop.example"))
                .isEqualTo("taro+news@example.jp");
    }

    @Test
    void decodesVerpReturnAddresses() {
        assertThat(Verp.decode("bounce-0304-k.tanaka=aol.example@bounce.example.com")).isEqualTo("k.tanaka@aol.example");
        assertThat(Verp.decode("<bounces+3753096-af84-yuna.ito=example.org@em8787.example.com>"))
                .isEqualTo("yuna.ito@example.org");
        assertThat(Verp.decode("bounces+abc=remote.test@james.local")).isEqualTo("abc@remote.test");
        assertThat(Verp.decode("news@example.com")).isNull();
        assertThat(Verp.decode("bounce-123-taro=example.jp@bounce.example.com")).isEqualTo("taro@example.jp");
        assertThat(Verp.decode("prefix+taro=example.jp@bounce.example.com")).isEqualTo("taro@example.jp");
        assertThat(Verp.decode("a=b@example.com")).isNull();
    }

    @Test
    void recognisesTheSmtpCommand() {
        assertThat(SmtpCommand.in("said: 550 Unknown user (in reply to end of DATA command)")).isEqualTo("DATA");
        assertThat(SmtpCommand.in("SMTP error from remote mail server after RCPT TO:<a@b.example>:")).isEqualTo("RCPT");
        assertThat(SmtpCommand.in("SMTP error from remote mail server after initial connection:")).isEqualTo("CONNECT");
        assertThat(SmtpCommand.in("nothing")).isNull();
    }
}
