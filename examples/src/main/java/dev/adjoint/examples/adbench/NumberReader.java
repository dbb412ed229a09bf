package dev.adjoint.examples.adbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whitespace-separated numbers of an ADBench file, read in order. ADBench's files break lines and leave blank
 * lines for readability only, so the parsers count numbers, not lines.
 */
final class NumberReader {

    private final Path file;
    private final String[] tokens;
    private int next;

    NumberReader(Path file) {
        this.file = file;
        try {
            String text = Files.readString(file).strip();
            this.tokens = text.isEmpty() ? new String[0] : text.split("\\s+");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ADBench data file " + file, e);
        }
    }

    double nextDouble() {
        if (next == tokens.length) {
            throw malformed("ends after " + next + " numbers, more expected");
        }
        String token = tokens[next++];
        try {
            return Double.parseDouble(token);
        } catch (NumberFormatException e) {
            throw malformed("number " + next + " is '" + token + "', not a number");
        }
    }

    int nextInt() {
        double v = nextDouble();
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw malformed("number " + next + " is " + v + ", an integer expected");
        }
        return (int) v;
    }

    double[] nextDoubles(int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = nextDouble();
        }
        return values;
    }

    /** Fails unless every number has been read: a count that disagrees with the header means a misread. */
    void expectEnd() {
        if (next != tokens.length) {
            throw malformed("has " + (tokens.length - next) + " numbers left over after " + next);
        }
    }

    private IllegalArgumentException malformed(String what) {
        return new IllegalArgumentException("malformed ADBench data file " + file + ": it " + what);
    }
}
