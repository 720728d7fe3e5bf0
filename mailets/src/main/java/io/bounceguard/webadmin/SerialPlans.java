package io.bounceguard.webadmin;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.bounceguard.store.SqlDialect;

/**
 * Keeps PostgreSQL from planning parallel workers for the rest of a transaction. The statistics aggregate tens of
 * thousands of counter rows; PostgreSQL splits that over two workers, and on a small or busy server starting
 * them and merging their partial sums took longer than the serial plan (170 ms against 100 ms on the 2-core
 * bench machine). H2 has no such setting.
 */
final class SerialPlans {
    private SerialPlans() {
    }

    static void forTransaction(Connection connection, SqlDialect dialect) throws SQLException {
        if (dialect == SqlDialect.POSTGRESQL) {
            try (Statement set = connection.createStatement()) {
                set.execute("SET LOCAL max_parallel_workers_per_gather = 0");
            }
        }
    }
}
