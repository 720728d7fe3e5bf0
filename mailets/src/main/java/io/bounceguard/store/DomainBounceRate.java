package io.bounceguard.store;

/**
 * Hard and soft bounces of one receiving domain over a period against the sends known for it (sends
 * reported by {@link BounceStore#addSends} plus DELIVERED events); {@code rate} is null when no send is known.
 */
public record DomainBounceRate(String domain, long bounces, long sends, Double rate) {
}
