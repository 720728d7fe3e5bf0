package io.bounceguard.verp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SignedReturnPathTest {
    private static final byte[] KEY = "current-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OLD_KEY = "previous-secret-012345678".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static VerpSettings settings(byte[] key, byte[] previous, String bounceDomain) {
        return new VerpSettings(true, key, previous, "bounces", bounceDomain, Set.of(), Duration.ofDays(30), Set.of());
    }

    private final SignedReturnPath signer = new SignedReturnPath(settings(KEY, null, null));

    @Test
    void signedAddressNamesTheRecipientReadablyAndComesBackToTheSenderDomain() {
        String address = signer.sign("Taro+news@Example.JP", "shop.example", NOW);

        assertThat(address).matches("bounces\\+[0-9a-z]+\\.[0-9a-f]{16}\\+taro\\+news=example\\.jp@shop\\.example");
        SignedReturnPath.Token token = signer.parse(address).orElseThrow();
        assertThat(token.recipient()).isEqualTo("taro+news@example.jp");
        assertThat(signer.verify(token, List.of(), NOW.plus(Duration.ofDays(29))))
            .satisfies(v -> {
                assertThat(v.valid()).isTrue();
                assertThat(v.senderDomain()).isEqualTo("shop.example");
            });
    }

    @Test
    void aTokenChangedInTheRecipientOrTheMacFails() {
        String address = signer.sign("taro@example.jp", "shop.example", NOW);
        String otherRecipient = address.replace("+taro=", "+jiro=");
        String mac = signer.parse(address).orElseThrow().mac();
        String otherMac = address.replace(mac, mac.substring(0, 15) + (mac.endsWith("0") ? "1" : "0"));

        assertThat(signer.verify(signer.parse(otherRecipient).orElseThrow(), List.of(), NOW).valid()).isFalse();
        assertThat(signer.verify(signer.parse(otherMac).orElseThrow(), List.of(), NOW).failure()).isEqualTo("bad signature");
    }

    @Test
    void expiredAndFutureTokensFail() {
        SignedReturnPath.Token token = signer.parse(signer.sign("taro@example.jp", "shop.example", NOW)).orElseThrow();

        assertThat(signer.verify(token, List.of(), NOW.plus(Duration.ofDays(31))).failure()).startsWith("expired");
        assertThat(signer.verify(token, List.of(), NOW.minus(Duration.ofHours(1))).failure()).isEqualTo("signed in the future");
    }

    @Test
    void afterRotationThePreviousKeyIsStillAcceptedAndAnUnknownKeyIsNot() {
        String signedWithOld = new SignedReturnPath(settings(OLD_KEY, null, null)).sign("taro@example.jp", "shop.example", NOW);
        SignedReturnPath rotated = new SignedReturnPath(settings(KEY, OLD_KEY, null));
        SignedReturnPath forgotten = new SignedReturnPath(settings(KEY, null, null));

        assertThat(rotated.verify(rotated.parse(signedWithOld).orElseThrow(), List.of(), NOW).valid()).isTrue();
        assertThat(forgotten.verify(forgotten.parse(signedWithOld).orElseThrow(), List.of(), NOW).valid()).isFalse();
    }

    @Test
    void withAFixedBounceDomainTheSenderDomainIsFoundAmongTheCandidates() {
        SignedReturnPath fixed = new SignedReturnPath(settings(KEY, null, "bounce.example.net"));
        SignedReturnPath.Token token = fixed.parse(fixed.sign("taro@example.jp", "shop.example", NOW)).orElseThrow();

        assertThat(token.returnDomain()).isEqualTo("bounce.example.net");
        assertThat(fixed.verify(token, List.of(), NOW).valid()).isFalse();
        assertThat(fixed.verify(token, List.of("other.example", "shop.example"), NOW).senderDomain()).isEqualTo("shop.example");
    }

    @Test
    void addressesThatAreNotSignedReturnPathsAreNotParsed() {
        assertThat(signer.parse("news@shop.example")).isEmpty();
        assertThat(signer.parse("bounces+taro=example.jp@shop.example")).isEmpty();
        assertThat(signer.parse("bounces+abc.0123456789abcdef+=example.jp@shop.example")).isEmpty();
        assertThat(signer.parse("other+abc.0123456789abcdef+taro=example.jp@shop.example")).isEmpty();
        assertThat(signer.parse("<BOUNCES+ABC.0123456789ABCDEF+Taro=Example.JP@Shop.Example>")).isPresent();
    }

    @Test
    void signingOnWithoutAStrongSecretIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> settings("short".getBytes(StandardCharsets.UTF_8), null, null))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(VerpSettings.SECRET);
    }
}
