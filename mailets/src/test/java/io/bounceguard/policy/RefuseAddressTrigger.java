package io.bounceguard.policy;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/** An H2 trigger on {@code bg_event} that refuses the events of one address, as a poison row would. */
public final class RefuseAddressTrigger implements Trigger {
    /** The address key refused; null refuses nothing. */
    static volatile String refused;
    /** Position of {@code address_key} in a {@code bg_event} row (V1). */
    private static final int ADDRESS_KEY = 5;

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        if (newRow != null && newRow[ADDRESS_KEY] != null && newRow[ADDRESS_KEY].equals(refused)) {
            throw new SQLException("refused for the test: " + newRow[ADDRESS_KEY]);
        }
    }
}
