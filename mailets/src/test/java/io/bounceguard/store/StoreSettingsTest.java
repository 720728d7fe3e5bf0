package io.bounceguard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bounceguard.classify.Reason;
import io.bounceguard.policy.PolicySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {
    private static final Path WORK = Path.of("/opt/james");

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void defaultsToAnH2FileUnderTheWorkingDirectory() {
        StoreSettings s = StoreSettings.defaults(WORK);
        assertThat(s.jdbcUrl()).startsWith("jdbc:h2:file:/opt/james/var/bounce-guard/bounce-guard;MODE=PostgreSQL");
        assertThat(s.dialect()).isEqualTo(SqlDialect.H2);
        assertThat(s.poolSize()).isEqualTo(4);
        assertThat(s.spoolDirectory()).isEqualTo(Path.of("/opt/james/var/bounce-guard/spool"));
        assertThat(s.foldLocalPart()).isTrue();
        assertThat(PolicySettings.from(s)).isEqualTo(PolicySettings.defaults());
    }

    @Test
    void readsPostgresqlAndPolicySettings() {
        StoreSettings s = StoreSettings.fromProperties(props(StoreSettings.JDBC_URL, " jdbc:postgresql://db:5432/mail ",
                StoreSettings.JDBC_USER, "james", StoreSettings.POOL_SIZE, "8", StoreSettings.SPOOL_DIRECTORY, "spool",
                PolicySettings.SOFT_THRESHOLD, "3", PolicySettings.SOFT_WINDOW, "P7D", PolicySettings.SOFT_EXPIRY, "12h",
                PolicySettings.SOFT_REASONS, "mailboxfull, systemfull", PolicySettings.HARD_EXPIRY, "365d",
                PolicySettings.COMPLAINT_EXPIRY, "never", PolicySettings.SCOPE_MODE, "both"), WORK);
        assertThat(s.dialect()).isEqualTo(SqlDialect.POSTGRESQL);
        assertThat(s.user()).isEqualTo("james");
        assertThat(s.poolSize()).isEqualTo(8);
        assertThat(s.spoolDirectory()).isEqualTo(Path.of("/opt/james/spool"));
        PolicySettings p = PolicySettings.from(s);
        assertThat(p.softThreshold()).isEqualTo(3);
        assertThat(p.softWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(p.softExpiry()).isEqualTo(Duration.ofHours(12));
        assertThat(p.softReasons()).containsExactlyInAnyOrder(Reason.MAILBOXFULL, Reason.SYSTEMFULL);
        assertThat(p.hardExpiry()).isEqualTo(Duration.ofDays(365));
        assertThat(p.complaintExpiry()).isNull();
        assertThat(p.scopeMode()).isEqualTo(PolicySettings.ScopeMode.BOTH);
    }

    @Test
    void badValuesAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> StoreSettings.fromProperties(props(StoreSettings.POOL_SIZE, "zero"), WORK))
                .hasMessageContaining("store.pool.size").hasMessageContaining("zero");
        assertThatThrownBy(() -> StoreSettings.fromProperties(props(StoreSettings.JDBC_URL, "jdbc:mysql://x/y"), WORK))
                .hasMessageContaining("store.jdbc.url");
        assertThatThrownBy(() -> StoreSettings.fromProperties(props(StoreSettings.WRITE_TIMEOUT, "soon"), WORK))
                .hasMessageContaining("store.write.timeout");
        assertThatThrownBy(() -> StoreSettings.fromProperties(props(StoreSettings.SNAPSHOT_LISTEN, "yes"), WORK))
                .hasMessageContaining("store.snapshot.listen");
        assertThatThrownBy(() -> StoreSettings.fromProperties(props(StoreSettings.H2_PAGE_BUFFER_MB, "-1"), WORK))
                .hasMessageContaining("store.h2.pageBufferMb");
        StoreSettings badPolicy = StoreSettings.fromProperties(props(PolicySettings.SOFT_REASONS, "mailboxfull,nosuch"), WORK);
        assertThatThrownBy(() -> PolicySettings.from(badPolicy)).hasMessageContaining("nosuch");
        StoreSettings neverExpires = StoreSettings.fromProperties(props(PolicySettings.SOFT_EXPIRY, "0s"), WORK);
        assertThatThrownBy(() -> PolicySettings.from(neverExpires)).hasMessageContaining("always expires");
        StoreSettings badScope = StoreSettings.fromProperties(props(PolicySettings.SCOPE_MODE, "per-user"), WORK);
        assertThatThrownBy(() -> PolicySettings.from(badScope)).hasMessageContaining("policy.scope");
    }

    @Test
    void aBatchIsWrittenOverTwoConnectionsByDefaultAndNeverOverTheWholePool() {
        assertThat(StoreSettings.defaults(WORK).writeConnections()).isEqualTo(2);
        assertThat(StoreSettings.fromProperties(props(StoreSettings.POOL_SIZE, "2"), WORK).writeConnections()).isEqualTo(1);
        assertThat(StoreSettings.fromProperties(props(StoreSettings.POOL_SIZE, "1"), WORK).writeConnections()).isEqualTo(1);
        assertThat(StoreSettings.fromProperties(props(StoreSettings.POOL_SIZE, "8", StoreSettings.WRITE_CONNECTIONS, "4"), WORK)
                .writeConnections()).isEqualTo(4);
        assertThatThrownBy(() -> StoreSettings.fromProperties(props(StoreSettings.WRITE_CONNECTIONS, "4"), WORK))
                .hasMessageContaining("store.write.connections").hasMessageContaining("store.pool.size");
        assertThatThrownBy(() -> StoreSettings.fromProperties(props(StoreSettings.WRITE_CONNECTIONS, "0"), WORK))
                .hasMessageContaining("store.write.connections");
    }

    @Test
    void theH2PageBufferIsAQuarterOfTheHeapAtMost128MegabytesUnlessSet() {
        assertThat(StoreSettings.defaultH2PageBufferMb(256L << 20)).isEqualTo(64);
        assertThat(StoreSettings.defaultH2PageBufferMb(512L << 20)).isEqualTo(128);
        assertThat(StoreSettings.defaultH2PageBufferMb(8L << 30)).isEqualTo(128);
        assertThat(StoreSettings.fromProperties(props(StoreSettings.H2_PAGE_BUFFER_MB, "0"), WORK).h2PageBufferMb()).isZero();
        assertThat(StoreSettings.fromProperties(props(StoreSettings.H2_PAGE_BUFFER_MB, "300"), WORK).h2PageBufferMb())
                .isEqualTo(300);
    }

    @Test
    void theH2PageSizeIs4KilobytesUnlessSetAndNeverBelow2() {
        assertThat(StoreSettings.defaults(WORK).h2MaxPageSize()).isEqualTo(4096);
        assertThat(StoreSettings.fromProperties(props(StoreSettings.H2_MAX_PAGE_SIZE, "0"), WORK).h2MaxPageSize()).isZero();
        assertThat(StoreSettings.fromProperties(props(StoreSettings.H2_MAX_PAGE_SIZE, "8192"), WORK).h2MaxPageSize())
                .isEqualTo(8192);
        assertThatThrownBy(() -> StoreSettings.fromProperties(props(StoreSettings.H2_MAX_PAGE_SIZE, "1024"), WORK))
                .hasMessageContaining("store.h2.maxPageSize").hasMessageContaining("below 2048");
        assertThatThrownBy(() -> StoreSettings.fromProperties(props(StoreSettings.H2_MAX_PAGE_SIZE, "4k"), WORK))
                .hasMessageContaining("store.h2.maxPageSize");
    }

    @Test
    void theShippedSettingsFileParsesToTheDefaults() {
        Path file = Path.of(System.getProperty("user.dir")).resolve("../conf/bounce-guard.properties");
        assertThat(file).exists();
        StoreSettings s = StoreSettings.load(file, WORK);
        assertThat(s.jdbcUrl()).isEqualTo(StoreSettings.defaults(WORK).jdbcUrl());
        assertThat(s.poolSize()).isEqualTo(4);
        assertThat(s.h2PageBufferMb()).isEqualTo(StoreSettings.defaults(WORK).h2PageBufferMb());
        assertThat(s.h2MaxPageSize()).isEqualTo(StoreSettings.defaults(WORK).h2MaxPageSize());
        assertThat(s.writeConnections()).isEqualTo(StoreSettings.defaults(WORK).writeConnections());
        assertThat(PolicySettings.from(s)).isEqualTo(PolicySettings.defaults());
        assertThat(StoreSettings.load(WORK.resolve("conf/missing.properties"), WORK).jdbcUrl())
                .isEqualTo(StoreSettings.defaults(WORK).jdbcUrl());
    }
}
