package io.bounceguard.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Replies as the big receivers publish them (not corpus texts): the reason and hard/soft the rules give. */
class ProviderRepliesTest {

    private static final BounceClassifier CLASSIFIER = BounceClassifier.withDefaultRules();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking | userunknown | hard
        452-4.2.2 The email account that you tried to reach is over quota. Please direct the recipient | mailboxfull | soft
        550-5.2.1 The email account that you tried to reach is disabled. | suspend | soft
        553-5.1.2 We weren't able to find the recipient domain. Please check for any spelling errors | hostunknown | hard
        550-5.7.26 This mail has been blocked because the sender is unauthenticated. | authfailure | soft
        421-4.7.28 Our system has detected an unusual rate of unsolicited mail originating from your IP address | speeding | soft
        550-5.7.1 Our system has detected that this message is likely unsolicited mail. | spamdetected | soft
        552-5.2.3 Your message exceeded Google's message size limits. | mesgtoobig | soft
        550 5.4.1 Recipient address rejected: Access denied. AS(201806281) | userunknown | hard
        550 5.7.606 Access denied, banned sending IP [192.0.2.1]. | blocked | soft
        550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP. | blocked | soft
        554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException | mailboxfull | soft
        451 4.7.650 The mail server [192.0.2.1] has been temporarily rate limited due to IP reputation. | badreputation | soft
        421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints | blocked | soft
        554 delivery error: dd This user doesn't have a yahoo.co.jp account (x@yahoo.co.jp) [0] | userunknown | hard
        554 5.7.9 Message not accepted for policy reasons. | policyviolation | soft
        550 5.1.1 <x@icloud.com>: user does not exist | userunknown | hard
        550 Invalid Recipient - https://community.mimecast.com/docs/DOC-1369#550 | userunknown | hard
        554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org | blocked | soft
        550 Mailbox not found or access denied | userunknown | hard
        554 DT:SPM 163 mx14,QMCowAD1 | spamdetected | soft
        556 5.1.10 Recipient address has null MX | notaccept | hard
        530 5.7.0 Must issue a STARTTLS command first | securityerror | soft
        550 5.7.1 Relaying denied | norelaying | soft
        Too many retries failure. Bouncing after 3 retries. | expired | soft
        """)
    void classifiesPublishedReplies(String reply, String reason, String bounce) {
        RecipientResult r = CLASSIFIER.classifyReply("x@example.net", reply, !reply.startsWith("4"));
        assertThat(r.reason().id()).as(reply).isEqualTo(reason);
        assertThat(r.bounce().id()).as(reply).isEqualTo(bounce);
    }
}
