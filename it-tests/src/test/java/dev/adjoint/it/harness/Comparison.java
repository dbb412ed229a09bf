package dev.adjoint.it.harness;

import java.util.Arrays;
import java.util.List;

import org.opentest4j.AssertionFailedError;

/**
 * The same launch in two modes, side by side.
 *
 * @param firstMode  the mode of the first run
 * @param first      what it did
 * @param secondMode the mode of the second run
 * @param second     what it did
 */
public record Comparison(Mode firstMode, Outcome first, Mode secondMode, Outcome second) {

    /**
     * Fails unless both runs exited with the same code and wrote the same bytes to standard output and to standard
     * error. The message names the first line that differs.
     *
     * @return this
     */
    public Comparison assertIdentical() {
        if (first.timedOut() || second.timedOut() || first.exitCode() != second.exitCode()) {
            fail("exit codes differ", first.exitCode() + "", second.exitCode() + "");
        }
        if (!Arrays.equals(first.out(), second.out())) {
            fail("standard output differs", first.stdout(), second.stdout());
        }
        if (!Arrays.equals(first.err(), second.err())) {
            fail("standard error differs", first.stderr(), second.stderr());
        }
        return this;
    }

    private void fail(String what, String a, String b) {
        throw new AssertionFailedError(what + " between " + firstMode + " and " + secondMode + firstDifference(a, b)
                + "\n=== " + firstMode + " ===\n" + first.describe() + "\n=== " + secondMode + " ===\n"
                + second.describe(), a, b);
    }

    private static String firstDifference(String a, String b) {
        List<String> la = a.lines().toList();
        List<String> lb = b.lines().toList();
        for (int i = 0; i < Math.max(la.size(), lb.size()); i++) {
            String x = i < la.size() ? la.get(i) : "<no line>";
            String y = i < lb.size() ? lb.get(i) : "<no line>";
            if (!x.equals(y)) {
                return ": first at line " + (i + 1) + ":\n  " + x + "\n  " + y;
            }
        }
        return ": the lines are equal but the bytes are not (line ends?)";
    }
}
