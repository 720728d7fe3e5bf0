package io.bounceguard.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A few lines of SMTP, enough to hand James a message with any envelope, including MAIL FROM:&lt;&gt;. */
public final class SmtpClient {
    private SmtpClient() {
    }

    /** Sends one message; {@code from} may be empty for a null reverse path. Fails on any non-2xx/3xx reply. */
    public static void send(int port, String from, List<String> recipients, String message) throws IOException {
        send(port, from, recipients, message.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one message given as raw bytes (any charset, LF or CRLF line ends), as read from the corpus. */
    public static void send(int port, String from, List<String> recipients, byte[] message) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port);
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
             OutputStream out = socket.getOutputStream()) {
            expect(in, "220");
            command(out, in, "EHLO client.test", "250");
            command(out, in, "MAIL FROM:<" + from + ">", "250");
            for (String recipient : recipients) {
                command(out, in, "RCPT TO:<" + recipient + ">", "250");
            }
            command(out, in, "DATA", "354");
            out.write(dotStuffed(message));
            command(out, in, ".", "250");
            command(out, in, "QUIT", "221");
        }
    }

    /** The message with CRLF line ends, leading dots doubled, ending in CRLF. */
    private static byte[] dotStuffed(byte[] message) {
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream(message.length + 1024);
        boolean lineStart = true;
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            if (lineStart && b == '.') {
                data.write('.');
            }
            if (b == '\r') {
                continue;
            }
            if (b == '\n') {
                data.write('\r');
                data.write('\n');
                lineStart = true;
                continue;
            }
            data.write(b);
            lineStart = false;
        }
        if (!lineStart) {
            data.write('\r');
            data.write('\n');
        }
        return data.toByteArray();
    }

    /** The reply to RCPT TO for one address, e.g. "250 2.1.5 Ok" or "550 5.1.1 Unknown user". */
    public static String rcptReply(int port, String from, String recipient) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port);
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
             OutputStream out = socket.getOutputStream()) {
            expect(in, "220");
            command(out, in, "EHLO client.test", "250");
            command(out, in, "MAIL FROM:<" + from + ">", "250");
            out.write(("RCPT TO:<" + recipient + ">\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String reply = lastLine(in);
            command(out, in, "QUIT", "221");
            return reply;
        }
    }

    private static void command(OutputStream out, BufferedReader in, String line, String expected) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        expect(in, expected);
    }

    private static String lastLine(BufferedReader in) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    private static void expect(BufferedReader in, String expected) throws IOException {
        String line = lastLine(in);
        if (!line.startsWith(expected)) {
            throw new IOException("expected " + expected + " but James said: " + line);
        }
    }
}
