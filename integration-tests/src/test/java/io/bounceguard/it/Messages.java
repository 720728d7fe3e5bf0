package io.bounceguard.it;

/** Messages the integration tests send to James. */
public final class Messages {
    private Messages() {
    }

    public static String newsletter(String from, String subject) {
        return "From: " + from + "\r\n"
            + "To: undisclosed-recipients:;\r\n"
            + "Subject: " + subject + "\r\n"
            + "Message-ID: <" + Math.abs(subject.hashCode()) + "." + System.nanoTime() + "@james.local>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n"
            + "\r\n"
            + "Monthly news.\r\n";
    }

    /** An RFC 3464 report as Postfix writes it for a recipient refused at RCPT. */
    public static String postfixDsn(String originalSender, String failedRecipient, String reply, String status) {
        return postfixDsn(originalSender, failedRecipient, reply, status, null);
    }

    /** The same report, quoting the original's Message-ID among its headers when one is given. */
    public static String postfixDsn(String originalSender, String failedRecipient, String reply, String status,
            String originalMessageId) {
        return "From: MAILER-DAEMON@mx.remote.test (Mail Delivery System)\r\n"
            + "To: " + originalSender + "\r\n"
            + "Subject: Undelivered Mail Returned to Sender\r\n"
            + "Auto-Submitted: auto-replied\r\n"
            + "Message-ID: <dsn." + System.nanoTime() + "@mx.remote.test>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"BOUNDARY\"\r\n"
            + "\r\n"
            + "--BOUNDARY\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n"
            + "\r\n"
            + "I'm sorry to have to inform you that your message could not be delivered.\r\n"
            + "<" + failedRecipient + ">: host mx.remote.test said: " + reply + "\r\n"
            + "\r\n"
            + "--BOUNDARY\r\n"
            + "Content-Type: message/delivery-status\r\n"
            + "\r\n"
            + "Reporting-MTA: dns; mx.remote.test\r\n"
            + "Arrival-Date: Sun, 22 Nov 2026 10:00:00 +0900\r\n"
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
            + (originalMessageId == null ? "" : "Message-ID: " + originalMessageId + "\r\n")
            + "\r\n"
            + "--BOUNDARY--\r\n";
    }
}
