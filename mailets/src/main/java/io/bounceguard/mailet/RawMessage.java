package io.bounceguard.mailet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.mail.MessagingException;

import org.apache.mailet.Mail;

/** Reads the raw RFC 5322 bytes of a mail, which is what the mail-API-free classifier takes. */
final class RawMessage {
    private RawMessage() {
    }

    static byte[] bytes(Mail mail) throws MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(estimatedSize(mail));
        try {
            mail.getMessage().writeTo(out);
        } catch (IOException e) {
            throw new MessagingException("cannot read message " + mail.getName(), e);
        }
        return out.toByteArray();
    }

    private static int estimatedSize(Mail mail) {
        try {
            return (int) Math.min(Math.max(mail.getMessageSize(), 1024), 1 << 24);
        } catch (MessagingException e) {
            return 8192;
        }
    }
}
