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
            StringBuilder data = new StringBuilder();
            for (String line : message.split("\r?\n", -1)) {
                data.append(line.startsWith(".") ? "." + line : line).append("\r\n");
            }
            out.write(data.toString().getBytes(StandardCharsets.UTF_8));
            command(out, in, ".", "250");
            command(out, in, "QUIT", "221");
        }
    }

    private static void command(OutputStream out, BufferedReader in, String line, String expected) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        expect(in, expected);
    }

    private static void expect(BufferedReader in, String expected) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed, expected " + expected);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        if (!line.startsWith(expected)) {
            throw new IOException("expected " + expected + " but James said: " + line);
        }
    }
}
