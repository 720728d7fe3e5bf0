package io.bounceguard.webadmin;

import java.sql.Connection;
import java.sql.SQLException;

import io.bounceguard.store.BounceStore;
import io.bounceguard.store.SqlWork;
import io.bounceguard.store.StoreException;

/**
 * Read-only work on a pooled connection left in auto-commit: each statement is one round trip to the database,
 * without the BEGIN and COMMIT of {@link BounceStore#query}, and failures are reported the same way.
 */
final class Reads {
    private Reads() {
    }

    static <T> T query(BounceStore store, String what, SqlWork<T> work) {
        try (Connection connection = store.dataSource().getConnection()) {
            connection.setAutoCommit(true);
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
        }
    }
}
