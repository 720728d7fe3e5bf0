package io.bounceguard.store;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.mvstore.FileStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets the page memory past which H2 splits a B-tree page when a row is added ({@code FileStore}'s
 * {@code maxPageSize}, 16 KB in H2 2.3). H2 rewrites every page a transaction touched whole, so a batch of events
 * for random addresses rewrites a status page and an index page per address: with 4 KB pages a batch of 5,000
 * wrote a third of the bytes and took a fifth less time than with 16 KB (docs/store.md, "H2 page size"). H2's URL
 * has no setting for it, so the field is set through reflection on the open store, as {@link H2PageBuffer} does;
 * if an H2 release renames it, H2 keeps its own size and the failure is logged. Pages already in the file keep
 * their size until rows are added to them.
 */
final class H2PageSize {
    private static final Logger LOGGER = LoggerFactory.getLogger(H2PageSize.class);
    private static final String FIELD = "maxPageSize";

    private H2PageSize() {
    }

    /** Makes the H2 file database behind {@code dataSource} split pages past {@code bytes}; false if not done. */
    static boolean apply(DataSource dataSource, int bytes) {
        try (Connection connection = dataSource.getConnection()) {
            FileStore<?> fileStore = H2PageBuffer.mvStore(connection).getFileStore();
            if (fileStore == null) {
                return false;
            }
            field().setInt(fileStore, bytes);
            return true;
        } catch (SQLException | ReflectiveOperationException | RuntimeException e) {
            LOGGER.warn("Cannot set H2's page size to {} bytes ({}); H2 keeps its own (16 KB), which makes writes to"
                    + " random addresses slower", bytes, e.toString());
            return false;
        }
    }

    /** The page memory in bytes past which the H2 database behind {@code connection} splits a page. */
    static long current(Connection connection) throws SQLException {
        return H2PageBuffer.mvStore(connection).getMaxPageSize();
    }

    private static Field field() throws NoSuchFieldException {
        Field field = FileStore.class.getDeclaredField(FIELD);
        field.setAccessible(true);
        return field;
    }
}
