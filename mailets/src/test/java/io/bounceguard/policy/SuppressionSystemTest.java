package io.bounceguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.bounceguard.store.BounceEvent;
import io.bounceguard.store.EventQuery;
import io.bounceguard.store.EventSource;
import io.bounceguard.store.TestDatabases;
import io.bounceguard.store.TestDatabases.Backend;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SuppressionSystemTest {
    @TempDir
    Path workDir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void permanentHardBounceIsStoredAndSuppressesAtOnce(Backend backend) {
        try (SuppressionSystem system = SuppressionSystem.open(TestDatabases.settings(backend, workDir))) {
            assertThat(system.suppressionList().isSuppressed("Taro@Example.JP", null)).isFalse();

            system.recorder().record(BounceEvent.builder().recipient("Taro@Example.JP").originalSender("news@shop.example")
                    .scope("shop.example").source(EventSource.INBOUND_DSN).kind("dsn").action("failed").status("5.1.1")
                    .replyCode(550).reason("userunknown").bounceType("hard").diagnostic("550 5.1.1 User unknown")
                    .verified(true).build());

            assertThat(system.suppressionList().isSuppressed("taro@example.jp", null)).isTrue();
            assertThat(system.suppressionList().isSuppressed("<TARO@example.jp>", "other.example")).isTrue();
            assertThat(system.suppressionList().isSuppressed("hanako@example.jp", null)).isFalse();
            List<BounceEvent> events = system.store().findEvents(EventQuery.forRecipient("taro@example.jp", 10));
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.id()).isNotNull();
                assertThat(e.recipient()).isEqualTo("Taro@Example.JP");
                assertThat(e.reason()).isEqualTo("userunknown");
                assertThat(e.replyCode()).isEqualTo(550);
                assertThat(e.verified()).isTrue();
                assertThat(e.scope()).isEqualTo("shop.example");
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void suppressionSurvivesRestart(Backend backend) {
        var settings = TestDatabases.settings(backend, workDir);
        try (SuppressionSystem system = SuppressionSystem.open(settings)) {
            system.recorder().record(BounceEvent.builder().recipient("gone@example.com").source(EventSource.REMOTE_DELIVERY)
                    .action("failed").replyCode(550).reason("userunknown").build());
        }
        try (SuppressionSystem system = SuppressionSystem.open(settings)) {
            assertThat(system.suppressionList().isSuppressed("gone@example.com", null)).isTrue();
            assertThat(system.health().snapshotSize()).isEqualTo(1);
        }
    }
}
