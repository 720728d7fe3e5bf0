package io.bounceguard.policy;

import java.util.List;

/** What a bulk import did: rows imported and, for each refused row, its number (from 1) and why. */
public record ImportResult(long imported, List<Rejected> rejected) {

    /** A row that was not imported. */
    public record Rejected(long row, String address, String error) {
    }
}
