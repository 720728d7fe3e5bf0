package io.bounceguard.webadmin;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Where a page of events ends: the last event's time and id, written {@code <epoch microseconds>-<id>} in the
 * {@code next} field and read back from the {@code before} parameter.
 */
public record EventCursor(Instant time, long id) {

    public static EventCursor of(EventRow row) {
        return new EventCursor(row.event().time(), row.event().id());
    }

    public String asString() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, time) + "-" + id;
    }

    public static EventCursor parse(String value) {
        String[] parts = value.trim().split("-", 2);
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            return new EventCursor(Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS), Long.parseLong(parts[1]));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadRequest("before must be the 'next' value of a previous page, was '" + value + "'");
        }
    }
}
