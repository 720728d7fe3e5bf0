package io.bounceguard.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class BounceClassifierTest {

    private static final BounceClassifier CLASSIFIER = BounceClassifier.withDefaultRules();

    private static final String POSTFIX_DSN = String.join("\r\n",
            "From: MAILER-DAEMON@mx.example.com (Mail Delivery System)",
            "To: news@example.com",
            "Subject: Undelivered Mail Returned to Sender",
            "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"",
            "",
            "--B",
            "Content-Type: text/plain",
            "",
            "<taro@example.jp>: host mx.example.jp said: 550 5.1.1 <taro@example.jp>: Recipient address",
            "    rejected: User unknown (in reply to RCPT TO command)",
            "",
            "--B",
            "Content-Type: message/delivery-status",
            "",
            "Reporting-MTA: dns; mx.example.com",
            "",
            "Final-Recipient: rfc822; Taro@Example.JP",
            "Original-Recipient: rfc822;taro@example.jp",
            "Action: failed",
            "Status: 5.1.1",
            "Remote-MTA: dns; mx.example.jp",
            "Diagnostic-Code: smtp; 550 5.1.1 <taro@example.jp>: Recipient address rejected:",
            "    User unknown",
            "",
            "Final-Recipient: rfc822; hanako@example.net",
            "Action: failed",
            "Status: 5.0.0",
            "Diagnostic-Code: smtp; 552 5.2.2 Mailbox full",
            "",
            "--B--",
            "");

    private static final String JAMES_DSN = String.join("\n",
            "From: postmaster@james.local",
            "To: sender@james.local",
            "Subject: Re: hello",
            "MIME-Version: 1.0",
            "Content-Type: multipart/report; boundary=\"X\"; report-type=delivery-status",
            "",
            "--X",
            "Content-Type: text/plain; charset=us-ascii",
            "",
            "Error message:",
            "550 5.1.1 <unknown1@remote.test>: Recipient address rejected: User unknown",
            "",
            "--X",
            "Content-Type: message/delivery-status",
            "",
            "Reporting-MTA: dns; 127.0.0.1",
            "",
            "Final-Recipient: rfc822; unknown1@remote.test",
            "Action: failed",
            "Status: 550 5.1.1 <unknown1@remote.test>: Recipient address rejected: User unknown",
            "Diagnostic-Code: smtp; 550 5.1.1 <unknown1@remote.test>: Recipient address rejected: User unknown",
            "",
            "--X--",
            "");

    @Test
    void readsAnRfc3464ReportPerRecipient() {
        Classification c = CLASSIFIER.classify(POSTFIX_DSN.getBytes(StandardCharsets.US_ASCII));

        assertThat(c.kind()).isEqualTo(MessageKind.DSN);
        assertThat(c.error()).isNull();
        assertThat(c.recipients()).hasSize(2);
        RecipientResult taro = c.recipients().get(0);
        assertThat(taro.address()).isEqualTo("taro@example.jp");
        assertThat(taro.action()).isEqualTo("failed");
        assertThat(taro.status()).isEqualTo("5.1.1");
        assertThat(taro.replyCode()).isEqualTo(550);
        assertThat(taro.reason()).isEqualTo(Reason.USERUNKNOWN);
        assertThat(taro.bounce()).isEqualTo(BounceType.HARD);
        assertThat(taro.remoteMta()).isEqualTo("mx.example.jp");
        RecipientResult hanako = c.recipients().get(1);
        assertThat(hanako.status()).as("generic Status gives way to the reply's code").isEqualTo("5.2.2");
        assertThat(hanako.reason()).isEqualTo(Reason.MAILBOXFULL);
        assertThat(hanako.bounce()).isEqualTo(BounceType.SOFT);
    }

    @Test
    void readsJamesDsnBounceWithTheReplyTextInStatus() {
        Classification c = CLASSIFIER.classify(JAMES_DSN.getBytes(StandardCharsets.US_ASCII));

        assertThat(c.kind()).isEqualTo(MessageKind.DSN);
        assertThat(c.recipients()).singleElement().satisfies(r -> {
            assertThat(r.address()).isEqualTo("unknown1@remote.test");
            assertThat(r.status()).isEqualTo("5.1.1");
            assertThat(r.replyCode()).isEqualTo(550);
            assertThat(r.reason()).isEqualTo(Reason.USERUNKNOWN);
            assertThat(r.bounce()).isEqualTo(BounceType.HARD);
        });
    }

    @Test
    void classifiesRemoteDeliveryReplies() {
        RecipientResult unknown = CLASSIFIER.classifyReply("Unknown1@Remote.Test",
                "550 5.1.1 <unknown1@remote.test>: Recipient address rejected: User unknown", true);
        assertThat(unknown.address()).isEqualTo("unknown1@remote.test");
        assertThat(unknown.reason()).isEqualTo(Reason.USERUNKNOWN);
        assertThat(unknown.bounce()).isEqualTo(BounceType.HARD);
        assertThat(unknown.module()).isEqualTo("remotedelivery");

        RecipientResult retries = CLASSIFIER.classifyReply("a@remote.test",
                "Too many retries failure. Bouncing after 3 retries.", false);
        assertThat(retries.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(retries.bounce()).isEqualTo(BounceType.SOFT);

        RecipientResult noDns = CLASSIFIER.classifyReply("a@nxdomain.test",
                "There are no DNS entries for the hostname nxdomain.test.  I cannot determine where to send this message.",
                true);
        assertThat(noDns.reason()).isEqualTo(Reason.HOSTUNKNOWN);
        assertThat(noDns.bounce()).isEqualTo(BounceType.HARD);

        RecipientResult temp = CLASSIFIER.classifyReply("a@remote.test", "451 4.3.0 Try again later", false);
        assertThat(temp.bounce()).isEqualTo(BounceType.SOFT);
        assertThat(temp.replyCode()).isEqualTo(451);
    }

    @Test
    void aNoticeFromAnUnusualSenderNeedsAFailureSubjectWordingAndARecipient() {
        String notice = String.join("\n",
                "From: Gateway <gw@relay.example>",
                "Subject: Delivery Failure",
                "",
                "Could not deliver message to the following recipient(s):",
                "",
                "Failed Recipient: userx@example.com",
                "Reason: Remote host said: 550 unknown user <userx@example.com>",
                "");
        String newsletter = String.join("\n",
                "From: Shop <news@shop.example>",
                "Subject: Undeliverable parcels? Track them here",
                "",
                "If a parcel could not be delivered, track it on our site.",
                "");
        String reply = notice.replace("Subject: Delivery Failure", "Subject: Re: Delivery Failure");

        Classification c = CLASSIFIER.classify(notice.getBytes(StandardCharsets.US_ASCII));
        assertThat(c.kind()).isEqualTo(MessageKind.NONSTANDARD);
        assertThat(c.recipients()).extracting(RecipientResult::address).containsExactly("userx@example.com");
        assertThat(c.recipients()).extracting(RecipientResult::reason).containsExactly(Reason.USERUNKNOWN);
        assertThat(CLASSIFIER.classify(newsletter.getBytes(StandardCharsets.US_ASCII)).kind())
                .isEqualTo(MessageKind.NOTBOUNCE);
        assertThat(CLASSIFIER.classify(reply.getBytes(StandardCharsets.US_ASCII)).kind())
                .isEqualTo(MessageKind.NOTBOUNCE);
    }

    @Test
    void reportsTheAddressAForwardWasExpandedFromNotItsTarget() {
        String sendmail = String.join("\n",
                "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.relay.example>",
                "Subject: Returned mail: see transcript for details",
                "",
                "   ----- The following addresses had permanent fatal errors -----",
                "hanako@forward-target.example",
                "    (expanded from: hanako@members.example)",
                "",
                "   ----- Transcript of session follows -----",
                "550 5.1.1 <hanako@forward-target.example>... User unknown",
                "");
        assertOneNonstandardRecipient(sendmail, "hanako@members.example", Reason.USERUNKNOWN);
    }

    @Test
    void aBannerLineOpeningTheNoticeIsNotTheStartOfTheReturnedCopy() {
        String notice = String.join("\n",
                "From: gateway@filter.example",
                "Subject: Mail could not be delivered",
                "Content-Type: text/plain",
                "",
                "****** Message from the Example Mail Filter ******",
                "",
                "Sent <<< RCPT TO:<jiro@example.net>",
                "Received >>> 550 5.1.1 unknown user.",
                "",
                "Unable to deliver message to <jiro@example.net>.",
                "",
                "****** End of message ******",
                "");
        assertOneNonstandardRecipient(notice, "jiro@example.net", Reason.USERUNKNOWN);
    }

    @Test
    void anAddressAfterFromInTheNoticeIsTheSenderNeverARecipient() {
        String notice = String.join("\n",
                "From: \"Mail Delivery Subsystem\" <MAILER-DAEMON@provider.example>",
                "To: <list-bounces@lists.shop.example>",
                "Subject: Mail Delivery Problem",
                "",
                "Your mail to the following recipients could not be delivered because",
                "they are not accepting mail from news@lists.shop.example:",
                "\thanako",
                "");
        Classification c = CLASSIFIER.classify(notice.getBytes(StandardCharsets.US_ASCII));
        assertThat(c.recipients()).extracting(RecipientResult::address).doesNotContain("news@lists.shop.example");
    }

    private static void assertOneNonstandardRecipient(String notice, String address, Reason reason) {
        Classification c = CLASSIFIER.classify(notice.getBytes(StandardCharsets.US_ASCII));
        assertThat(c.kind()).isEqualTo(MessageKind.NONSTANDARD);
        assertThat(c.recipients()).extracting(RecipientResult::address).containsExactly(address);
        assertThat(c.recipients()).extracting(RecipientResult::reason).containsExactly(reason);
    }

    @Test
    void neverThrowsOnGarbage() {
        assertThat(CLASSIFIER.classify(new byte[] {0, 1, 2, (byte) 0xFF, '\r', '\r'}).kind())
                .isEqualTo(MessageKind.NOTBOUNCE);
        assertThat(CLASSIFIER.classify(new byte[0]).recipients()).isEmpty();
        assertThat(CLASSIFIER.classify((byte[]) null).error()).isNotNull();
    }
}
