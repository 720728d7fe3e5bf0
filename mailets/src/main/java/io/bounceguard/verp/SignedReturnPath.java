package io.bounceguard.verp;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies return paths in VERP's {@code local=domain} convention:
 * {@code <prefix>+<time>.<mac>+<local>=<domain>@<bounce-domain>}, where {@code time} is the signing time in
 * base-36 epoch seconds and {@code mac} the first {@value #MAC_HEX_LENGTH} hex digits of an HMAC-SHA256 over
 * the lower-cased recipient, the original sender's domain and the time. The recipient stays readable, so an
 * admin can tell from a bounce whom it is about; only the MAC proves that we sent it.
 */
public final class SignedReturnPath {
    static final int MAC_HEX_LENGTH = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final VerpSettings settings;

    public SignedReturnPath(VerpSettings settings) {
        this.settings = settings;
    }

    public VerpSettings settings() {
        return settings;
    }

    /** The signed return path of a mail from {@code senderDomain} to {@code recipient}. */
    public String sign(String recipient, String senderDomain, Instant now) {
        String rcpt = recipient.toLowerCase(Locale.ROOT);
        String domain = senderDomain.toLowerCase(Locale.ROOT);
        int at = rcpt.lastIndexOf('@');
        if (at <= 0 || at == rcpt.length() - 1) {
            throw new IllegalArgumentException("not an address: " + recipient);
        }
        String time = Long.toString(now.getEpochSecond(), 36);
        String mac = mac(settings.secret(), rcpt, domain, time);
        String bounceDomain = settings.fixedBounceDomain().orElse(domain);
        return settings.prefix() + "+" + time + "." + mac + "+" + rcpt.substring(0, at) + "=" + rcpt.substring(at + 1)
            + "@" + bounceDomain;
    }

    /** The parts of an address shaped like a signed return path with our prefix, before any MAC check. */
    public Optional<Token> parse(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String a = address.strip().toLowerCase(Locale.ROOT);
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        String start = settings.prefix().toLowerCase(Locale.ROOT) + "+";
        int at = a.lastIndexOf('@');
        if (!a.startsWith(start) || at < 0) {
            return Optional.empty();
        }
        String local = a.substring(start.length(), at);
        int plus = local.indexOf('+');
        int dot = local.indexOf('.');
        int eq = local.lastIndexOf('=');
        if (plus < 0 || dot < 0 || dot > plus || eq < plus + 2 || eq == local.length() - 1) {
            return Optional.empty();
        }
        String time = local.substring(0, dot);
        String mac = local.substring(dot + 1, plus);
        if (!time.matches("[0-9a-z]{1,12}") || !mac.matches("[0-9a-f]{" + MAC_HEX_LENGTH + "}")) {
            return Optional.empty();
        }
        String recipient = local.substring(plus + 1, eq) + "@" + local.substring(eq + 1);
        return Optional.of(new Token(a, time, mac, recipient, a.substring(at + 1)));
    }

    /**
     * Checks a token against the current and the previous key and the validity, trying each candidate original
     * sender domain (the domain the token came back to is always tried).
     */
    public Verification verify(Token token, Collection<String> candidateSenderDomains, Instant now) {
        long signedAt;
        try {
            signedAt = Long.parseLong(token.time(), 36);
        } catch (NumberFormatException e) {
            return Verification.invalid(token, "unreadable time");
        }
        Instant signed = Instant.ofEpochSecond(signedAt);
        if (signed.isAfter(now.plusSeconds(300))) {
            return Verification.invalid(token, "signed in the future");
        }
        if (signed.plus(settings.validity()).isBefore(now)) {
            return Verification.invalid(token, "expired (signed " + signed + ")");
        }
        Set<String> domains = new LinkedHashSet<>();
        domains.add(token.returnDomain());
        domains.addAll(settings.senderDomains());
        candidateSenderDomains.stream().filter(d -> d != null && !d.isBlank())
            .map(d -> d.toLowerCase(Locale.ROOT)).forEach(domains::add);
        for (String domain : domains) {
            if (matches(settings.secret(), token, domain) || matches(settings.previousSecret(), token, domain)) {
                return Verification.valid(token, domain);
            }
        }
        return Verification.invalid(token, "bad signature");
    }

    private static boolean matches(byte[] key, Token token, String senderDomain) {
        if (key == null) {
            return false;
        }
        String expected = mac(key, token.recipient(), senderDomain, token.time());
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
            token.mac().getBytes(StandardCharsets.US_ASCII));
    }

    private static String mac(byte[] key, String recipient, String senderDomain, String time) {
        try {
            Mac hmac = Mac.getInstance(ALGORITHM);
            hmac.init(new SecretKeySpec(key, ALGORITHM));
            byte[] digest = hmac.doFinal((recipient + "\n" + senderDomain + "\n" + time).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, MAC_HEX_LENGTH);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(ALGORITHM + " unavailable", e);
        }
    }

    /** The parts of a signed return path; {@code recipient} is what the address names, not yet verified. */
    public record Token(String address, String time, String mac, String recipient, String returnDomain) {
    }

    /** The outcome of checking a token: the recipient and original sender domain it proves, or why it fails. */
    public record Verification(Token token, boolean valid, String senderDomain, String failure) {
        static Verification valid(Token token, String senderDomain) {
            return new Verification(token, true, senderDomain, null);
        }

        static Verification invalid(Token token, String failure) {
            return new Verification(token, false, null, failure);
        }
    }
}
