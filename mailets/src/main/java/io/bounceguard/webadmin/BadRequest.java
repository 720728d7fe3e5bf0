package io.bounceguard.webadmin;

/** A request parameter or body that cannot be used; answered with 400 in James's error format. */
public final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadRequest(String message) {
        super(message);
    }
}
