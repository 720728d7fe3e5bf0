package io.bounceguard.store;

import java.util.Collections;
import java.util.Set;

/**
 * What differs between H2 and PostgreSQL at run time (the schema and its migrations are shared).
 * PostgreSQL writes upserts as {@code INSERT ... ON CONFLICT}; on H2 the store updates a batch and
 * inserts the rows that were missing, which is safe there because writes are serialised per node.
 */
public enum SqlDialect {
    H2("org.h2.Driver", false),
    POSTGRESQL("org.postgresql.Driver", true);

    private final String driverClassName;
    private final boolean onConflict;

    SqlDialect(String driverClassName, boolean onConflict) {
        this.driverClassName = driverClassName;
        this.onConflict = onConflict;
    }

    public String driverClassName() {
        return driverClassName;
    }

    /** True when upserts are written as {@code INSERT ... ON CONFLICT ... DO UPDATE}. */
    public boolean supportsOnConflict() {
        return onConflict;
    }

    /** {@code col = EXCLUDED.col} for every column but the key columns. */
    static String updateFromExcluded(String columns, String... keyColumns) {
        Set<String> keys = Set.of(keyColumns);
        StringBuilder set = new StringBuilder();
        for (String column : columns.split(",")) {
            String name = column.trim();
            if (!keys.contains(name)) {
                set.append(set.length() == 0 ? "" : ", ").append(name).append(" = EXCLUDED.").append(name);
            }
        }
        return set.toString();
    }

    /**
     * The rows of {@code table} (as {@code alias}) whose {@code address_key} is in one array parameter (no duplicates):
     * a join from the unnested keys, which both databases run as one index lookup per key. H2 runs
     * {@code address_key = ANY (?)} as a lookup per key too, but then checks each row found against the whole array
     * again, which made the policy's reads of a batch quadratic in its size.
     */
    static String rowsOfKeys(String table, String alias) {
        return "UNNEST(CAST(? AS VARCHAR ARRAY)) AS k (address_key) JOIN " + table + " " + alias + " ON " + alias
                + ".address_key = k.address_key";
    }

    /** {@code ?, ?, ...} for a column list. */
    static String parameters(String columns) {
        return String.join(", ", Collections.nCopies(columns.split(",").length, "?"));
    }
}
