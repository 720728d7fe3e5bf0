package io.bounceguard.it.ops;

/** Bounce messages the ops tests send to James over SMTP. */
final class OpsMessages {
    private OpsMessages() {
    }

    /** An RFC 3464 report for one failed recipient, quoting the original message's headers and Message-ID. */
    static String dsn(String originalSender, String failedRecipient, String reply, String status, String originalMessageId) {
        return "From: MAILER-DAEMON@mx.remote.test (Mail Delivery System)\r\n"
            + "To: " + originalSender + "\r\n"
            + "Subject: Undelivered Mail Returned to Sender\r\n"
            + "Message-ID: <dsn." + System.nanoTime() + "@mx.remote.test>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"BOUNDARY\"\r\n"
            + "\r\n"
            + "--BOUNDARY\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n"
            + "\r\n"
            + "Your message could not be delivered.\r\n"
            + "<" + failedRecipient + ">: host mx.remote.test said: " + reply + "\r\n"
            + "\r\n"
            + "--BOUNDARY\r\n"
            + "Content-Type: message/delivery-status\r\n"
            + "\r\n"
            + "Reporting-MTA: dns; mx.remote.test\r\n"
            + "\r\n"
            + "Final-Recipient: rfc822; " + failedRecipient + "\r\n"
            + "Original-Recipient: rfc822;" + failedRecipient + "\r\n"
            + "Action: failed\r\n"
            + "Status: " + status + "\r\n"
            + "Remote-MTA: dns; mx.remote.test\r\n"
            + "Diagnostic-Code: smtp; " + reply + "\r\n"
            + "\r\n"
            + "--BOUNDARY\r\n"
            + "Content-Type: text/rfc822-headers\r\n"
            + "\r\n"
            + "From: " + originalSender + "\r\n"
            + "To: " + failedRecipient + "\r\n"
            + "Subject: News\r\n"
            + "Message-ID: " + originalMessageId + "\r\n"
            + "\r\n"
            + "--BOUNDARY--\r\n";
    }
}
