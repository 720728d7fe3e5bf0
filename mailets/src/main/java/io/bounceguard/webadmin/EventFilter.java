package io.bounceguard.webadmin;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import io.bounceguard.store.AddressNormalizer;
import io.bounceguard.store.EventSource;
import io.bounceguard.store.NormalizedAddress;
import spark.Request;

/**
 * The filters of the event list, its count, "mark as checked" and the CSV export. {@code errorsOnly} keeps the
 * events the ops team acts on (bounces and complaints), the ones the unchecked-error badge counts.
 */
public record EventFilter(Optional<String> addressKey, Optional<String> rawRecipient, Optional<String> recipientDomain,
                          Optional<String> reason, Optional<String> bounceType, Optional<EventSource> source,
                          Optional<Boolean> verified, Optional<Boolean> acknowledged, Optional<Instant> from,
                          Optional<Instant> to, boolean errorsOnly) {

    /** The sources of events that are errors for ops: bounces and complaints. */
    public static final Set<EventSource> ERROR_SOURCES = Set.of(EventSource.INBOUND_DSN, EventSource.NONSTANDARD_BOUNCE,
        EventSource.REMOTE_DELIVERY, EventSource.COMPLAINT);

    public EventFilter {
        if (from.isPresent() && to.isPresent() && !to.get().isAfter(from.get())) {
            throw new BadRequest("the time range ends (" + to.get() + ") before it starts (" + from.get() + ")");
        }
    }

    public static EventFilter none() {
        return new EventFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    /** Reads the filter from query parameters: recipient, domain, reason, bounceType, source, verified, checked, from, to, errors. */
    public static EventFilter from(Request request, AddressNormalizer normalizer) {
        Optional<String> recipient = Params.text(request.queryParams("recipient"));
        Optional<NormalizedAddress> key = recipient.flatMap(normalizer::tryNormalize);
        return new EventFilter(
            key.map(NormalizedAddress::key),
            key.isPresent() ? Optional.empty() : recipient,
            Params.text(request.queryParams("domain")).map(d -> Params.domain(normalizer, "domain", d)),
            Params.reason(request.queryParams("reason")),
            Params.bounceType(request.queryParams("bounceType")),
            Params.source(request.queryParams("source")),
            Params.bool("verified", request.queryParams("verified")),
            Params.bool("checked", request.queryParams("checked")),
            Params.time("from", request.queryParams("from"), false),
            Params.time("to", request.queryParams("to"), true),
            Params.bool("errors", request.queryParams("errors")).orElse(false));
    }

    public EventFilter withAcknowledged(boolean value) {
        return new EventFilter(addressKey, rawRecipient, recipientDomain, reason, bounceType, source, verified,
            Optional.of(value), from, to, errorsOnly);
    }

    public EventFilter errors() {
        return new EventFilter(addressKey, rawRecipient, recipientDomain, reason, bounceType, source, verified,
            acknowledged, from, to, true);
    }
}
