package dev.adjoint.it.harness;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.opentest4j.AssertionFailedError;

/**
 * What a launched process did: its exit code, the bytes it wrote to standard output and standard error, and how
 * long it took.
 *
 * <p>Test programs report results as {@code key=value} lines; {@link #value}, {@link #number} and {@link #bits}
 * read them. Every assertion failure quotes the command and both streams, so that a failing integration test says
 * what the child JVM said.
 *
 * @param command  the command line
 * @param exitCode the exit code, -1 when the process was killed at its timeout
 * @param out      standard output, as written
 * @param err      standard error, as written
 * @param wallTime from start to exit
 * @param timedOut whether the process outlived its timeout and was killed
 */
public record Outcome(List<String> command, int exitCode, byte[] out, byte[] err, Duration wallTime,
                      boolean timedOut) {

    private static final int QUOTED = 4000;

    /** @return standard output as text */
    public String stdout() {
        return new String(out, StandardCharsets.UTF_8);
    }

    /** @return standard error as text */
    public String stderr() {
        return new String(err, StandardCharsets.UTF_8);
    }

    /** @return the lines of standard output */
    public List<String> stdoutLines() {
        return stdout().lines().toList();
    }

    /** @return the lines of standard error */
    public List<String> stderrLines() {
        return stderr().lines().toList();
    }

    /**
     * Fails unless the process exited by itself with this code.
     *
     * @param expected the exit code
     * @return this, to read its output next
     */
    public Outcome assertExitCode(int expected) {
        if (timedOut || exitCode != expected) {
            throw new AssertionFailedError("expected exit code " + expected + "\n" + describe(), expected,
                    timedOut ? "killed at its timeout" : exitCode);
        }
        return this;
    }

    /**
     * Fails unless the process exited with 0.
     *
     * @return this, to read its output next
     */
    public Outcome assertSucceeded() {
        return assertExitCode(0);
    }

    /**
     * The value of the one {@code key=value} line of standard output with this key.
     *
     * @param key the key
     * @return the text after {@code key=}
     */
    public String value(String key) {
        List<String> found = values(key);
        if (found.size() != 1) {
            throw new AssertionFailedError("expected one line '" + key + "=...' on standard output, found "
                    + found.size() + "\n" + describe());
        }
        return found.get(0);
    }

    /**
     * The values of all {@code key=value} lines of standard output with this key, in order.
     *
     * @param key the key
     * @return the texts after {@code key=}
     */
    public List<String> values(String key) {
        List<String> found = new ArrayList<>();
        for (String line : stdoutLines()) {
            if (line.startsWith(key + "=")) {
                found.add(line.substring(key.length() + 1));
            }
        }
        return found;
    }

    /**
     * @param key the key of a line {@code key=1.25}
     * @return its value as a double
     */
    public double number(String key) {
        String v = value(key);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new AssertionFailedError("'" + key + "=" + v + "' is not a number\n" + describe(), e);
        }
    }

    /**
     * @param key the key of a line {@code key=4607182418800017408}, a {@code Double.doubleToRawLongBits}
     * @return the double with those bits
     */
    public double bits(String key) {
        return Double.longBitsToDouble(Long.parseLong(value(key)));
    }

    /**
     * @param key the key of a line {@code key=1.0,2.5,-3.0}
     * @return the numbers
     */
    public double[] numbers(String key) {
        return Arrays.stream(value(key).split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    /** @return the command, how it ended, and both streams (each cut to a few thousand characters) */
    public String describe() {
        return "command: " + String.join(" ", command) + "\n"
                + (timedOut ? "killed at its timeout" : "exit code: " + exitCode) + " after " + wallTime.toMillis()
                + " ms\n--- stdout ---\n" + quote(stdout()) + "--- stderr ---\n" + quote(stderr()) + "---";
    }

    private static String quote(String s) {
        String cut = s.length() <= QUOTED ? s : s.substring(0, QUOTED / 2) + "\n[... "
                + (s.length() - QUOTED) + " characters ...]\n" + s.substring(s.length() - QUOTED / 2);
        return cut.isEmpty() || cut.endsWith("\n") ? cut : cut + "\n";
    }

    @Override
    public String toString() {
        return describe();
    }
}
