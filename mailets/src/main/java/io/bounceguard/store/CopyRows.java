package io.bounceguard.store;

import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Appends rows to a PostgreSQL table with one {@code COPY ... FROM STDIN} in CSV form: a batch of events costs one
 * statement instead of a multi-row INSERT with thousands of bound parameters. Values are strings, integers,
 * booleans, timestamps (written as ISO-8601 instants) or null (an unquoted empty field).
 */
final class CopyRows {
    private CopyRows() {
    }

    /** Copies the rows into {@code target}, a table name followed by its column list. */
    static void copy(PGConnection connection, String target, List<Object[]> rows) throws SQLException {
        StringBuilder csv = new StringBuilder(rows.size() * 256);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    csv.append(',');
                }
                append(csv, row[i]);
            }
            csv.append('\n');
        }
        try {
            connection.getCopyAPI().copyIn("COPY " + target + " FROM STDIN WITH (FORMAT csv)", new StringReader(csv.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + target + " failed: " + e.getMessage(), e);
        }
    }

    private static void append(StringBuilder csv, Object value) {
        if (value == null) {
            return;
        }
        String text = value instanceof Timestamp timestamp ? timestamp.toInstant().toString() : value.toString();
        csv.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                csv.append('"');
            }
            csv.append(c);
        }
        csv.append('"');
    }
}
