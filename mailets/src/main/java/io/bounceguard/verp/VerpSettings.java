package io.bounceguard.verp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.bounceguard.store.StoreSettings;

/**
 * The signed return path settings, the {@code verp.*} keys of {@code conf/bounce-guard.properties}.
 * Signing is off unless {@value #ENABLED} is true; then {@value #SECRET} is required.
 *
 * @param enabled             sign outbound return paths and verify inbound bounces
 * @param secret              the current HMAC key
 * @param previousSecret      the key before the last rotation, still accepted when verifying; may be null
 * @param prefix              local-part prefix of signed return paths, e.g. {@code bounces}
 * @param bounceDomain        the domain of every signed return path; null means the original sender's domain
 * @param senderDomains       sender domains to try when verifying a token that came back to {@code bounceDomain}
 * @param validity            how long a signed return path is accepted as ours
 * @param trustedReporters    domains of feedback-loop reporters whose complaints count without a token
 */
public record VerpSettings(boolean enabled, byte[] secret, byte[] previousSecret, String prefix, String bounceDomain,
                           Set<String> senderDomains, Duration validity, Set<String> trustedReporters) {
    public static final String ENABLED = "verp.enabled";
    public static final String SECRET = "verp.secret";
    public static final String PREVIOUS_SECRET = "verp.previousSecret";
    public static final String PREFIX = "verp.prefix";
    public static final String BOUNCE_DOMAIN = "verp.domain";
    public static final String SENDER_DOMAINS = "verp.senderDomains";
    public static final String VALIDITY = "verp.validity";
    public static final String TRUSTED_REPORTERS = "verp.trustedFeedbackReporters";
    static final int MIN_SECRET_BYTES = 16;

    public VerpSettings {
        senderDomains = Set.copyOf(senderDomains);
        trustedReporters = Set.copyOf(trustedReporters);
        if (prefix == null || !prefix.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException(PREFIX + " must be letters, digits, '-' or '_', got '" + prefix + "'");
        }
        if (enabled && (secret == null || secret.length < MIN_SECRET_BYTES)) {
            throw new IllegalArgumentException(SECRET + " must be set to at least " + MIN_SECRET_BYTES
                + " characters when " + ENABLED + " is true");
        }
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException(VALIDITY + " must be longer than zero");
        }
    }

    /** Signing off: every bounce counts, as without a signed return path. */
    public static VerpSettings disabled() {
        return new VerpSettings(false, null, null, "bounces", null, Set.of(), Duration.ofDays(30), Set.of());
    }

    /** Reads the {@code verp.*} keys; throws {@link IllegalArgumentException} naming a bad key. */
    public static VerpSettings from(StoreSettings settings) {
        boolean enabled = settings.bool(ENABLED, false);
        return new VerpSettings(enabled,
            settings.text(SECRET).map(VerpSettings::bytes).orElse(null),
            settings.text(PREVIOUS_SECRET).map(VerpSettings::bytes).orElse(null),
            settings.text(PREFIX).orElse("bounces"),
            settings.text(BOUNCE_DOMAIN).map(d -> d.toLowerCase(Locale.ROOT)).orElse(null),
            settings.text(SENDER_DOMAINS).map(VerpSettings::domains).orElse(Set.of()),
            settings.duration(VALIDITY, Duration.ofDays(30)),
            settings.text(TRUSTED_REPORTERS).map(VerpSettings::domains).orElse(Set.of()));
    }

    public Optional<String> fixedBounceDomain() {
        return Optional.ofNullable(bounceDomain);
    }

    /**
     * Whether a signed return path may come back to this domain: the fixed bounce domain when one is set, else
     * the listed sender domains, else any domain (James's relay rules still apply to mail that is no bounce).
     */
    public boolean acceptsReturnDomain(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        if (bounceDomain != null) {
            return bounceDomain.equals(d);
        }
        return senderDomains.isEmpty() || senderDomains.contains(d);
    }

    private static byte[] bytes(String text) {
        return text.isBlank() ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static Set<String> domains(String text) {
        return Arrays.stream(text.split("[,\\s]+"))
            .map(String::trim)
            .filter(d -> !d.isEmpty())
            .map(d -> d.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String toString() {
        return "VerpSettings[enabled=" + enabled + ", prefix=" + prefix + ", bounceDomain=" + bounceDomain
            + ", senderDomains=" + senderDomains + ", validity=" + validity + ", trustedReporters=" + trustedReporters
            + ", previousSecret=" + (previousSecret != null) + "]";
    }
}
