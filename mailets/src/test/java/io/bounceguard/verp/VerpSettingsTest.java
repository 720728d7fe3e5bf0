package io.bounceguard.verp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.bounceguard.store.StoreSettings;

class VerpSettingsTest {
    private static VerpSettings read(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return VerpSettings.from(StoreSettings.fromProperties(properties, Path.of("/tmp/james")));
    }

    @Test
    void offByDefault() {
        VerpSettings settings = read();

        assertThat(settings.enabled()).isFalse();
        assertThat(settings.prefix()).isEqualTo("bounces");
        assertThat(settings.validity()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void readsEveryKey() {
        VerpSettings settings = read("verp.enabled", "true", "verp.secret", "0123456789abcdefXYZ",
            "verp.previousSecret", "old-0123456789abcdef", "verp.prefix", "bg", "verp.domain", "Bounce.Example.COM",
            "verp.senderDomains", "shop.example, news.example", "verp.validity", "7d",
            "verp.trustedFeedbackReporters", "fbl.yahoo.com jmrp.microsoft.com");

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.previousSecret()).isNotNull();
        assertThat(settings.prefix()).isEqualTo("bg");
        assertThat(settings.fixedBounceDomain()).contains("bounce.example.com");
        assertThat(settings.senderDomains()).containsExactlyInAnyOrder("shop.example", "news.example");
        assertThat(settings.validity()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.trustedReporters()).containsExactlyInAnyOrder("fbl.yahoo.com", "jmrp.microsoft.com");
    }

    @Test
    void enabledWithoutSecretFailsNamingTheKey() {
        assertThatThrownBy(() -> read("verp.enabled", "true"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("verp.secret");
    }

    @Test
    void aPrefixThatCannotBeALocalPartFailsNamingTheKey() {
        assertThatThrownBy(() -> read("verp.prefix", "bad prefix"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("verp.prefix");
    }

    @Test
    void returnDomainsAcceptedByTheRcptHook() {
        assertThat(read("verp.domain", "bounce.example.com").acceptsReturnDomain("BOUNCE.example.com")).isTrue();
        assertThat(read("verp.domain", "bounce.example.com").acceptsReturnDomain("shop.example")).isFalse();
        assertThat(read("verp.senderDomains", "shop.example").acceptsReturnDomain("shop.example")).isTrue();
        assertThat(read("verp.senderDomains", "shop.example").acceptsReturnDomain("other.example")).isFalse();
        assertThat(read().acceptsReturnDomain("any.example")).isTrue();
    }
}
