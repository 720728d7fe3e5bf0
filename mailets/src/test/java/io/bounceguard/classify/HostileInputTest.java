package io.bounceguard.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Damaged, huge and hostile input: a safe answer, no exception, well under a second, bounded reading. */
class HostileInputTest {

    private static final BounceClassifier CLASSIFIER = BounceClassifier.withDefaultRules();
    private static final String DSN_HEAD = String.join("\r\n",
            "From: MAILER-DAEMON@mx.example.com",
            "Subject: Undelivered Mail Returned to Sender",
            "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"",
            "",
            "--B",
            "Content-Type: message/delivery-status",
            "",
            "Reporting-MTA: dns; mx.example.com",
            "",
            "Final-Recipient: rfc822; a@example.org",
            "Action: failed",
            "Status: 5.1.1",
            "Diagnostic-Code: smtp; 550 5.1.1 User unknown",
            "",
            "--B",
            "Content-Type: application/octet-stream",
            "Content-Transfer-Encoding: base64",
            "",
            "");

    @Test
    void aTwentyMegabyteAttachmentIsNotRead() {
        byte[] head = DSN_HEAD.getBytes(StandardCharsets.US_ASCII);
        byte[] message = Arrays.copyOf(head, head.length + 20 * 1024 * 1024);
        Arrays.fill(message, head.length, message.length, (byte) 'A');
        CountingStream in = new CountingStream(message);

        Classification c = timed(() -> CLASSIFIER.classify(in));

        assertThat(c.kind()).isEqualTo(MessageKind.DSN);
        assertThat(c.recipients()).extracting(RecipientResult::reason).containsExactly(Reason.USERUNKNOWN);
        assertThat(in.read).as("bytes read from the stream").isLessThanOrEqualTo(1024 * 1024);
    }

    @Test
    void deeplyNestedMultipartsAreBounded() {
        StringBuilder m = new StringBuilder("From: MAILER-DAEMON@x.example\r\nSubject: Undelivered Mail\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n");
        int depth = 5000;
        for (int i = 0; i < depth; i++) {
            m.append("--b").append(i).append("\r\nContent-Type: multipart/mixed; boundary=\"b").append(i + 1)
                    .append("\"\r\n\r\n");
        }
        m.append("--b").append(depth).append("\r\nContent-Type: text/plain\r\n\r\nhello\r\n");
        Classification c = timed(() -> CLASSIFIER.classify(m.toString().getBytes(StandardCharsets.US_ASCII)));
        assertThat(c).isNotNull();
    }

    @Test
    void tensOfThousandsOfHeadersAndAHugeLineAreSurvived() {
        StringBuilder m = new StringBuilder();
        for (int i = 0; i < 30000; i++) {
            m.append("X-H").append(i).append(": v\r\n");
        }
        m.append("X-Long: ").append("x".repeat(3_000_000)).append("\r\n\r\nbody\r\n");
        Classification c = timed(() -> CLASSIFIER.classify(m.toString().getBytes(StandardCharsets.US_ASCII)));
        assertThat(c.kind()).isEqualTo(MessageKind.NOTBOUNCE);
    }

    @Test
    void binaryGarbageBareCrAndNulsGiveASafeDefault() {
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            byte[] garbage = new byte[random.nextInt(200_000)];
            random.nextBytes(garbage);
            Classification c = timed(() -> CLASSIFIER.classify(garbage));
            assertThat(c.kind()).isIn(MessageKind.values());
        }
        byte[] crOnly = DSN_HEAD.replace("\r\n", "\r").getBytes(StandardCharsets.US_ASCII);
        assertThat(timed(() -> CLASSIFIER.classify(crOnly)).recipients()).extracting(RecipientResult::address)
                .containsExactly("a@example.org");
        byte[] nul = new byte[100_000];
        assertThat(timed(() -> CLASSIFIER.classify(nul)).kind()).isEqualTo(MessageKind.NOTBOUNCE);
    }

    @Test
    void unknownCharsetsAndBrokenEncodingsAreTolerated() {
        String m = String.join("\r\n",
                "From: MAILER-DAEMON@x.example",
                "Subject: =?x-no-such-charset?B?@@@@?= Undeliverable",
                "Content-Type: text/plain; charset=\"x-unknown-99\"",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                "Your message could not be delivered to the following recipient:",
                "  <b@example.net>: 550 5.1.1 user unknown =ZZ =",
                "");
        Classification c = timed(() -> CLASSIFIER.classify(m.getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(c.kind()).isEqualTo(MessageKind.NONSTANDARD);
        assertThat(c.recipients()).extracting(RecipientResult::reason).containsExactly(Reason.USERUNKNOWN);
    }

    @Test
    void anUnreadableStreamGivesAnError() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws java.io.IOException {
                throw new java.io.IOException("disk on fire");
            }
        };
        Classification c = CLASSIFIER.classify(failing);
        assertThat(c.kind()).isEqualTo(MessageKind.NOTBOUNCE);
        assertThat(c.error()).contains("disk on fire");
    }

    private static Classification timed(java.util.function.Supplier<Classification> call) {
        long start = System.nanoTime();
        Classification c = call.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        return c;
    }

    private static final class CountingStream extends ByteArrayInputStream {
        private long read;

        CountingStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            int n = super.read(b, off, len);
            if (n > 0) {
                read += n;
            }
            return n;
        }

        @Override
        public synchronized int read() {
            int n = super.read();
            if (n >= 0) {
                read++;
            }
            return n;
        }
    }
}
