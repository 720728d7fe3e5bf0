package io.bounceguard.classify;

/** A rules file that cannot be used; the message names the file, the line and the cause. */
public final class RulesException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    public RulesException(String file, int line, String cause, Throwable source) {
        super(file + (line > 0 ? ":" + line : "") + ": " + cause, source);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    /** The 1-based line of the fault, or 0 when no line applies. */
    public int line() {
        return line;
    }
}
