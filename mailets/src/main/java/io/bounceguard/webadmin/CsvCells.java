package io.bounceguard.webadmin;

/**
 * Formula neutralising for spreadsheet safety. A cell that Excel would read as a formula (it starts with
 * {@code = + - @}, a tab or a carriage return) gets a leading {@code '}; so does a cell that already starts with
 * {@code '} or {@code #}, so that {@link #restore} is the exact inverse and a comment line is never a record.
 */
public final class CsvCells {
    private static final String TRIGGERS = "=+-@\t\r'#";

    private CsvCells() {
    }

    public static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        return TRIGGERS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    /** Removes the {@code '} that {@link #neutralise} added. */
    public static String restore(String value) {
        if (value != null && value.length() >= 2 && value.charAt(0) == '\'' && TRIGGERS.indexOf(value.charAt(1)) >= 0) {
            return value.substring(1);
        }
        return value;
    }
}
