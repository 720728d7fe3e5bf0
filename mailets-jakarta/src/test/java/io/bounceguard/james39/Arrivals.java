package io.bounceguard.james39;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The mails that reached a {@link StandIn}, in order. One instance, bound in the test's parent injector. */
public final class Arrivals {
    /** A mail as it reached the stand-in: its name, recipients and Bounce Guard's kind attribute, if any. */
    public record Arrival(String standIn, String mailName, List<String> recipients, String kind) {
    }

    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();

    void add(Arrival arrival) {
        arrivals.add(arrival);
    }

    public List<Arrival> of(String mailName) {
        return arrivals.stream().filter(a -> a.mailName().startsWith(mailName)).toList();
    }
}
