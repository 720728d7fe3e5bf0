package io.bounceguard.it;

import java.util.List;
import java.util.Properties;

import io.bounceguard.store.AddressState;
import io.bounceguard.store.BounceEvent;
import io.bounceguard.store.BounceStore;
import io.bounceguard.store.EventQuery;
import io.bounceguard.store.EventSource;
import io.bounceguard.store.StoreSettings;

/** Reads what James recorded, straight from the same database, as ops would. */
final class StoreProbe implements AutoCloseable {
    private final BounceStore store;

    private StoreProbe(BounceStore store) {
        this.store = store;
    }

    /** The embedded H2 store of a James working directory (the default settings). */
    static StoreProbe h2(java.io.File workingDirectory) {
        return new StoreProbe(BounceStore.open(StoreSettings.defaults(workingDirectory.toPath())));
    }

    static StoreProbe of(Properties properties, java.io.File workingDirectory) {
        return new StoreProbe(BounceStore.open(StoreSettings.fromProperties(properties, workingDirectory.toPath())));
    }

    List<BounceEvent> events(String recipient) {
        return store.findEvents(EventQuery.builder().recipient(recipient).limit(100).build());
    }

    List<BounceEvent> events(String recipient, EventSource source) {
        return events(recipient).stream().filter(event -> event.source() == source).toList();
    }

    /** Whether the address is suppressed in the given stored scope (null: the global list). */
    boolean isSuppressed(String address, String scope) {
        return store.statuses(address).stream()
            .anyMatch(status -> status.state() == AddressState.SUPPRESSED
                && (scope == null ? status.scope() == null || status.scope().isEmpty() : scope.equals(status.scope())));
    }

    @Override
    public void close() {
        store.close();
    }
}
