package io.bounceguard.store;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets how much changed page memory H2 may hold before it stores a chunk on its own ({@code MVStore}'s
 * {@code autoCommitMemory}). H2 sizes it from the heap, at most 19 MB, and its JDBC URL has no setting for it. A bulk
 * transaction of 5,000 events filled it ten to twenty times: each of those stores wrote rows not yet committed,
 * which the commit then read back and rewrote. With a budget above one transaction, a transaction is stored once,
 * by the checkpoint after its commit (docs/store.md, "H2 page buffer"). MVStore's builder has the option, H2's
 * database layer does not pass it on, so the field is set through reflection on the open store; if an H2 release
 * renames it, the store keeps H2's own budget and the failure is logged.
 */
final class H2PageBuffer {
    private static final Logger LOGGER = LoggerFactory.getLogger(H2PageBuffer.class);
    private static final String FIELD = "autoCommitMemory";

    private H2PageBuffer() {
    }

    /** Gives the H2 file database behind {@code dataSource} a budget of {@code megabytes}; false if not done. */
    static boolean apply(DataSource dataSource, int megabytes) {
        try (Connection connection = dataSource.getConnection()) {
            Field budget = MVStore.class.getDeclaredField(FIELD);
            budget.setAccessible(true);
            MVStore store = mvStore(connection);
            if (store.getFileStore() == null) {
                return false;
            }
            budget.setInt(store, Math.multiplyExact(megabytes, 1 << 20));
            return true;
        } catch (SQLException | ReflectiveOperationException | RuntimeException e) {
            LOGGER.warn("Cannot set H2's page buffer to {} MB ({}); H2 keeps its own (at most 19 MB), which makes bulk"
                    + " writes slower", megabytes, e.toString());
            return false;
        }
    }

    /** The budget in bytes at which the H2 database behind {@code connection} stores on its own. */
    static int currentQuietly(Connection connection) throws SQLException {
        try {
            Field budget = MVStore.class.getDeclaredField(FIELD);
            budget.setAccessible(true);
            return budget.getInt(mvStore(connection));
        } catch (ReflectiveOperationException e) {
            throw new SQLException("H2 has no " + FIELD + " to read", e);
        }
    }

    /** The MVStore of the H2 database behind {@code connection}. */
    static MVStore mvStore(Connection connection) throws SQLException {
        SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        return session.getDatabase().getStore().getMvStore();
    }
}
