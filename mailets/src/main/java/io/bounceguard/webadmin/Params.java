package io.bounceguard.webadmin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

import io.bounceguard.classify.BounceType;
import io.bounceguard.classify.Reason;
import io.bounceguard.store.AddressNormalizer;
import io.bounceguard.store.EventSource;
import io.bounceguard.store.NormalizedAddress;
import io.bounceguard.store.Scopes;

/** Parses query parameters, throwing {@link BadRequest} with a message naming the parameter and the value. */
public final class Params {
    private Params() {
    }

    public static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public static int limit(String value, int defaultValue, int max) {
        if (text(value).isEmpty()) {
            return defaultValue;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit < 1 || limit > max) {
                throw new BadRequest("limit must be between 1 and " + max + ", was " + value.trim());
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new BadRequest("limit must be a whole number, was '" + value + "'");
        }
    }

    public static Optional<Long> id(String name, String value) {
        if (text(value).isEmpty()) {
            return Optional.empty();
        }
        try {
            long id = Long.parseLong(value.trim());
            if (id < 1) {
                throw new BadRequest(name + " must be a positive number, was " + value.trim());
            }
            return Optional.of(id);
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a number, was '" + value + "'");
        }
    }

    public static Optional<Boolean> bool(String name, String value) {
        if (text(value).isEmpty()) {
            return Optional.empty();
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true":
                return Optional.of(true);
            case "false":
                return Optional.of(false);
            default:
                throw new BadRequest(name + " must be true or false, was '" + value + "'");
        }
    }

    public static Optional<String> reason(String value) {
        try {
            return text(value).map(v -> Reason.fromId(v).id());
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage() + "; see GET /bounces/reasons");
        }
    }

    /**
     * A reason as written in a suppression export: a catalogue id, or one of the other words the policy stores as a
     * suppression's reason ({@code manual}, {@code import}, a complaint's feedback type), kept as it is.
     */
    public static Optional<String> storedReason(String value) {
        Optional<String> text = text(value).map(v -> v.toLowerCase(Locale.ROOT));
        if (text.isEmpty()) {
            return text;
        }
        try {
            return Optional.of(Reason.fromId(text.get()).id());
        } catch (IllegalArgumentException e) {
            if (text.get().matches("[a-z0-9][a-z0-9._-]{0,31}")) {
                return text;
            }
            throw new BadRequest("unknown reason '" + value + "'");
        }
    }

    public static Optional<String> bounceType(String value) {
        try {
            return text(value).map(v -> BounceType.fromId(v).id());
        } catch (IllegalArgumentException e) {
            throw new BadRequest("unknown bounce type '" + value + "' (hard, soft, undetermined, none)");
        }
    }

    public static Optional<EventSource> source(String value) {
        try {
            return text(value).map(v -> EventSource.valueOf(v.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("unknown source '" + value + "'");
        }
    }

    /** An instant given as ISO-8601 ({@code 2026-01-14T09:00:00Z}) or a UTC day ({@code 2026-01-14}); end of day when {@code endOfDay}. */
    public static Optional<Instant> time(String name, String value, boolean endOfDay) {
        Optional<String> text = text(value);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (text.get().length() == 10) {
                LocalDate day = LocalDate.parse(text.get());
                return Optional.of((endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return Optional.of(Instant.parse(text.get()));
        } catch (DateTimeParseException e) {
            throw new BadRequest(name + " must be a date (2026-01-14) or an ISO-8601 instant (2026-01-14T09:00:00Z), was '"
                + value + "'");
        }
    }

    public static Optional<LocalDate> day(String name, String value) {
        try {
            return text(value).map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            throw new BadRequest(name + " must be a date like 2026-01-14, was '" + value + "'");
        }
    }

    public static NormalizedAddress address(AddressNormalizer normalizer, String value) {
        try {
            return normalizer.normalize(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("malformed address: " + e.getMessage());
        }
    }

    public static String domain(AddressNormalizer normalizer, String name, String value) {
        try {
            String domain = normalizer.normalizeDomain(value.trim());
            if (!domain.contains(".") || domain.startsWith(".") || domain.endsWith(".")) {
                throw new IllegalArgumentException("not a domain name");
            }
            return domain;
        } catch (IllegalArgumentException e) {
            throw new BadRequest(name + " '" + value + "' is not a domain: " + e.getMessage());
        }
    }

    /** A scope parameter: absent = {@code defaultScope}, {@code global} = the global list, else a sender domain (stored form). */
    public static Optional<String> storedScope(AddressNormalizer normalizer, String value, Optional<String> defaultScope) {
        Optional<String> text = text(value);
        if (text.isEmpty()) {
            return defaultScope;
        }
        if (text.get().equalsIgnoreCase("global")) {
            return Optional.of(Scopes.GLOBAL);
        }
        return Optional.of(domain(normalizer, "scope", text.get()));
    }
}
