package io.bounceguard.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback SMTP server standing in for the remote MTAs that James's RemoteDelivery talks to.
 * It accepts every recipient unless told to reply otherwise for one address, and records what
 * was delivered.
 */
public final class SmtpSink implements AutoCloseable {
    /** One accepted SMTP transaction. */
    public record Delivery(String from, List<String> recipients, String data) {
    }

    private final ServerSocket server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Map<String, String> rcptReplies = new ConcurrentHashMap<>();
    private final boolean keepDeliveries;
    private final java.util.function.Consumer<Delivery> listener;

    public SmtpSink() {
        this(true, delivery -> { });
    }

    /** A sink that hands every delivery to {@code listener} and keeps it only if asked (benchmarks do not). */
    public SmtpSink(boolean keepDeliveries, java.util.function.Consumer<Delivery> listener) {
        this.keepDeliveries = keepDeliveries;
        this.listener = listener;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor.submit(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Every address that received a message. */
    public List<String> deliveredRecipients() {
        return deliveries.stream().flatMap(d -> d.recipients().stream()).toList();
    }

    /** Makes RCPT TO for this address answer with the given reply, e.g. "550 5.1.1 User unknown". */
    public void replyToRcpt(String address, String reply) {
        rcptReplies.put(address.toLowerCase(Locale.ROOT), reply);
    }

    public void clear() {
        deliveries.clear();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                executor.submit(() -> session(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void session(Socket socket) {
        try (socket;
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
             OutputStream out = socket.getOutputStream()) {
            write(out, "220 sink.test ESMTP");
            String from = null;
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("EHLO")) {
                    write(out, "250-sink.test\r\n250 8BITMIME");
                } else if (upper.startsWith("HELO")) {
                    write(out, "250 sink.test");
                } else if (upper.startsWith("MAIL FROM:")) {
                    from = address(line.substring(10));
                    recipients = new ArrayList<>();
                    write(out, "250 2.1.0 Ok");
                } else if (upper.startsWith("RCPT TO:")) {
                    String rcpt = address(line.substring(8));
                    String reply = rcptReplies.get(rcpt.toLowerCase(Locale.ROOT));
                    if (reply == null) {
                        recipients.add(rcpt);
                        write(out, "250 2.1.5 Ok");
                    } else {
                        write(out, reply);
                    }
                } else if (upper.startsWith("DATA")) {
                    if (recipients.isEmpty()) {
                        write(out, "554 5.5.1 No valid recipients");
                        continue;
                    }
                    write(out, "354 End data with <CR><LF>.<CR><LF>");
                    StringBuilder data = new StringBuilder();
                    String dataLine;
                    while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                        data.append(dataLine.startsWith("..") ? dataLine.substring(1) : dataLine).append("\r\n");
                    }
                    Delivery delivery = new Delivery(from, List.copyOf(recipients), data.toString());
                    listener.accept(delivery);
                    if (keepDeliveries) {
                        deliveries.add(delivery);
                    }
                    write(out, "250 2.0.0 Ok: queued");
                } else if (upper.startsWith("RSET")) {
                    recipients = new ArrayList<>();
                    write(out, "250 2.0.0 Ok");
                } else if (upper.startsWith("QUIT")) {
                    write(out, "221 2.0.0 Bye");
                    return;
                } else {
                    write(out, "250 Ok");
                }
            }
        } catch (IOException e) {
            // the client went away: nothing to record
        }
    }

    private static String address(String value) {
        String trimmed = value.trim();
        int open = trimmed.indexOf('<');
        int close = trimmed.indexOf('>');
        return open >= 0 && close > open ? trimmed.substring(open + 1, close) : trimmed;
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        executor.shutdownNow();
    }
}
