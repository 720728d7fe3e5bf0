package io.bounceguard.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code bounce-classify}: paths, {@code --mbox}, {@code --explain}, {@code --threads N},
 * {@code --rules FILE} (repeatable, admin rules in front of the shipped ones).
 */
record CliOptions(List<String> paths, boolean mbox, boolean explain, int threads, List<Path> rules) {

    static final String USAGE = "usage: java -jar bounce-classify.jar [--mbox] [--explain] [--threads N] "
            + "[--rules FILE]... PATH...\n"
            + "  Each regular file is one message; directories are walked recursively; --mbox reads files as mbox.\n"
            + "  Prints one JSON object per message per line.";

    static CliOptions parse(String[] args) {
        List<String> paths = new ArrayList<>();
        List<Path> rules = new ArrayList<>();
        boolean mbox = false;
        boolean explain = false;
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--mbox":
                    mbox = true;
                    break;
                case "--explain":
                    explain = true;
                    break;
                case "--threads":
                    threads = Math.max(1, Integer.parseInt(value(args, ++i, a)));
                    break;
                case "--rules":
                    rules.add(Path.of(value(args, ++i, a)));
                    break;
                case "-h":
                case "--help":
                    throw new IllegalArgumentException(USAGE);
                default:
                    if (a.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
                    }
                    paths.add(a);
            }
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException(USAGE);
        }
        return new CliOptions(paths, mbox, explain, threads, rules);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[i];
    }
}
