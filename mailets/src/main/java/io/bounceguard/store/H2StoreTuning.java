package io.bounceguard.store;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets two values of H2's storage engine that its JDBC URL has no setting for, on the open store, by reflection
 * (docs/store.md). If an H2 release renames a field, H2 keeps its own value and the failure is logged.
 * <ul>
 *   <li>The page buffer ({@code MVStore.autoCommitMemory}, "H2 page buffer"): how much changed page memory H2 may
 *   hold before it stores a chunk on its own. H2 sizes it from the heap, at most 19 MB; a bulk transaction of 5,000
 *   events filled it ten to twenty times, and each of those stores wrote rows not yet committed that the commit then
 *   rewrote. With a budget above one transaction, a transaction is stored once, by the checkpoint after its
 *   commit.</li>
 *   <li>The page size ({@code FileStore.maxPageSize}, "H2 page size"): the page memory past which H2 splits a
 *   B-tree page when a row is added, 16 KB in H2 2.3. H2 rewrites every page a transaction touched whole, so a batch
 *   for random addresses rewrites a status page and an index page per address: with 4 KB pages a batch of 5,000
 *   wrote a third of the bytes and took a fifth less time. Pages already in the file keep their size until rows are
 *   added to them.</li>
 * </ul>
 */
final class H2StoreTuning {
    private static final Logger LOGGER = LoggerFactory.getLogger(H2StoreTuning.class);
    private static final String PAGE_BUFFER = "autoCommitMemory";
    private static final String PAGE_SIZE = "maxPageSize";

    private H2StoreTuning() {
    }

    /** Gives the H2 file database behind {@code dataSource} a page buffer of {@code megabytes}; false if not done. */
    static boolean applyPageBuffer(DataSource dataSource, int megabytes) {
        return set(dataSource, MVStore.class, PAGE_BUFFER, Math.multiplyExact(megabytes, 1 << 20),
                "page buffer to " + megabytes + " MB; H2 keeps its own (at most 19 MB), which makes bulk writes slower");
    }

    /** Makes the H2 file database behind {@code dataSource} split pages past {@code bytes}; false if not done. */
    static boolean applyPageSize(DataSource dataSource, int bytes) {
        return set(dataSource, FileStore.class, PAGE_SIZE, bytes,
                "page size to " + bytes + " bytes; H2 keeps its own (16 KB), which makes writes to random addresses slower");
    }

    /** The page buffer in bytes at which the H2 database behind {@code connection} stores on its own. */
    static int pageBuffer(Connection connection) throws SQLException {
        try {
            return field(MVStore.class, PAGE_BUFFER).getInt(mvStore(connection));
        } catch (ReflectiveOperationException e) {
            throw new SQLException("H2 has no " + PAGE_BUFFER + " to read", e);
        }
    }

    /** The page memory in bytes past which the H2 database behind {@code connection} splits a page. */
    static long pageSize(Connection connection) throws SQLException {
        return mvStore(connection).getMaxPageSize();
    }

    /** Sets {@code name} on the open MVStore or its file store (by {@code owner}); false, logged, if not done. */
    private static boolean set(DataSource dataSource, Class<?> owner, String name, int value, String what) {
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = mvStore(connection);
            if (store.getFileStore() == null) {
                return false;
            }
            field(owner, name).setInt(owner == FileStore.class ? store.getFileStore() : store, value);
            return true;
        } catch (SQLException | ReflectiveOperationException | RuntimeException e) {
            LOGGER.warn("Cannot set H2's {} ({})", what, e.toString());
            return false;
        }
    }

    private static Field field(Class<?> owner, String name) throws NoSuchFieldException {
        Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    private static MVStore mvStore(Connection connection) throws SQLException {
        SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        return session.getDatabase().getStore().getMvStore();
    }
}
