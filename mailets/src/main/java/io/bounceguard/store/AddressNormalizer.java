package io.bounceguard.store;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns an address as reported into its suppression key: angle brackets and an {@code rfc822;} prefix
 * dropped, domain lower-cased and converted to ASCII (IDNA), local part case-folded unless configured
 * otherwise.
 */
public final class AddressNormalizer {
    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 253;

    private final boolean foldLocalPart;

    public AddressNormalizer(boolean foldLocalPart) {
        this.foldLocalPart = foldLocalPart;
    }

    /** The normalised address, or empty when {@code raw} is not a usable mailbox address. */
    public Optional<NormalizedAddress> tryNormalize(String raw) {
        try {
            return Optional.of(normalize(raw));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The normalised address; throws {@link IllegalArgumentException} saying what is wrong. */
    public NormalizedAddress normalize(String raw) {
        if (raw == null) {
            throw new IllegalArgumentException("address is missing");
        }
        String address = raw.trim();
        if (address.regionMatches(true, 0, "rfc822;", 0, 7)) {
            address = address.substring(7).trim();
        }
        if (address.length() >= 2 && address.charAt(0) == '<' && address.charAt(address.length() - 1) == '>') {
            address = address.substring(1, address.length() - 1).trim();
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            throw new IllegalArgumentException("'" + raw + "' is not an address of the form local@domain");
        }
        String local = address.substring(0, at);
        String domain = normalizeDomain(address.substring(at + 1), raw);
        boolean quoted = local.length() >= 2 && local.startsWith("\"") && local.endsWith("\"");
        if (local.length() > MAX_LOCAL) {
            throw new IllegalArgumentException("'" + raw + "' has a local part longer than 64 characters");
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c < ' ' || c == 0x7f || (!quoted && (c == ' ' || c == '@'))) {
                throw new IllegalArgumentException("'" + raw + "' has an invalid character in its local part");
            }
        }
        return new NormalizedAddress(foldLocalPart ? local.toLowerCase(Locale.ROOT) : local, domain);
    }

    /** A domain in lower-case ASCII form; throws {@link IllegalArgumentException} if it is not a host name. */
    public String normalizeDomain(String rawDomain) {
        return normalizeDomain(rawDomain, rawDomain);
    }

    private static String normalizeDomain(String rawDomain, String context) {
        if (rawDomain == null || rawDomain.isBlank()) {
            throw new IllegalArgumentException("'" + context + "' has no domain");
        }
        String domain = rawDomain.trim();
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (domain.startsWith("[") && domain.endsWith("]")) {
            return domain.toLowerCase(Locale.ROOT);
        }
        String ascii;
        try {
            ascii = isPlainAscii(domain) ? domain : IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + context + "' has an invalid domain: " + e.getMessage());
        }
        ascii = ascii.toLowerCase(Locale.ROOT);
        if (ascii.isEmpty() || ascii.length() > MAX_DOMAIN) {
            throw new IllegalArgumentException("'" + context + "' has an invalid domain length");
        }
        for (String label : ascii.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                throw new IllegalArgumentException("'" + context + "' has an invalid domain label '" + label + "'");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                    throw new IllegalArgumentException("'" + context + "' has an invalid character in its domain");
                }
            }
        }
        return ascii;
    }

    private static boolean isPlainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
