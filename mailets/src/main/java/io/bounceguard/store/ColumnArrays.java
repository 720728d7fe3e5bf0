package io.bounceguard.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Binds a batch of rows to PostgreSQL as one array per column, for statements of the form
 * {@code INSERT ... SELECT * FROM unnest(?::varchar[], ?::int[], ...)}: one statement and one plan whatever the
 * number of rows, where a multi-row VALUES list binds every value of every row as a parameter of its own.
 * Timestamps travel as ISO-8601 text and are cast by the statement ({@code ?::timestamptz[]}).
 */
final class ColumnArrays {
    /** The SQL element type of each column: {@code varchar} (also for timestamps), {@code int4}, {@code int8} or {@code bool}. */
    private final String[] types;

    ColumnArrays(String... types) {
        this.types = types;
    }

    /** Binds the columns of {@code rows} as parameters {@code first}, {@code first + 1}, ... */
    void bind(Connection connection, PreparedStatement statement, int first, List<Object[]> rows) throws SQLException {
        for (int c = 0; c < types.length; c++) {
            Object[] column = new Object[rows.size()];
            for (int r = 0; r < column.length; r++) {
                column[r] = value(rows.get(r)[c]);
            }
            statement.setArray(first + c, connection.createArrayOf(types[c], column));
        }
    }

    private static Object value(Object value) {
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        return value;
    }
}
