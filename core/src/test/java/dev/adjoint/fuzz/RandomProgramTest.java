package dev.adjoint.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.NotDifferentiableException;
import dev.adjoint.ValueAndGradient;
import dev.adjoint.testing.Oracle;

/**
 * Differential testing of the whole engine on random programs (see {@link Programs}): each program is compiled by
 * javac, loaded like application code, and differentiated in reverse and in forward mode.
 *
 * <p>Each program is checked at a random point against oracles independent of the engine:
 * <ul>
 *   <li>the gradient agrees with central differences of the plain program, component by component;</li>
 *   <li>the value returned with the gradient is the plain program's value, bit for bit;</li>
 *   <li>the input array is unchanged, although the programs write into it;</li>
 *   <li>forward mode's directional derivative equals the reverse gradient's dot product with the direction;</li>
 *   <li>for every tenth program, the Hessian (forward over reverse) agrees with central differences of the
 *   gradient.</li>
 * </ul>
 *
 * <p>The seed is fixed, so every build checks the same programs. A failing program is shrunk, by dropping statements
 * while it still fails, and reported with its seed and number. For a longer campaign with other programs:
 * {@code mvn -pl core test -Dtest=RandomProgramTest -Dadjoint.fuzz.seed=7 -Dadjoint.fuzz.programs=5000}.
 */
class RandomProgramTest {

    private static final long SEED = Long.getLong("adjoint.fuzz.seed", 20261204L);
    private static final int PROGRAMS = Integer.getInteger("adjoint.fuzz.programs", 200);
    private static final int MAX_STATEMENTS = 12;
    /** Every this many programs, the Hessian is checked too. */
    private static final int HESSIAN_EVERY = Integer.getInteger("adjoint.fuzz.hessianEvery", 10);

    /** Programs refused (acceptably) since the count was last reset. */
    private static int refusals;

    @Test
    void random_programs_have_the_gradients_of_central_differences_in_both_modes() throws IOException {
        Programs programs = new Programs(SEED);
        try (ProgramCompiler javac = new ProgramCompiler()) {
            for (int n = 0; n < PROGRAMS; n++) {
                Program program = programs.next(MAX_STATEMENTS);
                double[] x = programs.point();
                double[] v = programs.point();
                boolean hessian = n % HESSIAN_EVERY == 0;
                String failure = check(javac, program, x, v, hessian);
                if (failure != null) {
                    Program small = shrink(javac, program, x, v, hessian);
                    fail("program " + n + " of seed " + SEED + " (shrunk from " + program.size() + " statements to "
                            + small.size() + "), at x = " + Arrays.toString(x) + ", v = " + Arrays.toString(v)
                            + ":\n" + check(javac, small, x, v, hessian) + "\n--- statements:\n" + small);
                }
            }
        }
    }

    /**
     * Programs that also use the JDK as people write it ({@link Programs#jdk}): lambdas given to java.util methods,
     * {@code Optional} and {@code Objects}, streams, text made from numbers, bits of numbers in longs, and comparators
     * with side effects. Each gradient is checked as above, or the program is refused: only where a statement
     * {@linkplain Programs#MAY_REFUSE may be refused}, and the refusal names the program's class and that
     * statement's line. Never a silent wrong number. Most programs must be differentiated, not refused.
     */
    @Test
    void random_programs_that_use_the_jdk_have_right_gradients_or_a_refusal_at_the_right_line() throws IOException {
        Programs programs = new Programs(SEED, true);
        int count = Integer.getInteger("adjoint.fuzz.jdkPrograms", 150);
        refusals = 0;
        try (ProgramCompiler javac = new ProgramCompiler()) {
            for (int n = 0; n < count; n++) {
                Program program = programs.next(MAX_STATEMENTS);
                double[] x = programs.point();
                double[] v = programs.point();
                boolean hessian = n % HESSIAN_EVERY == 0;
                String failure = check(javac, program, x, v, hessian);
                if (failure != null) {
                    Program small = shrink(javac, program, x, v, hessian);
                    fail("program " + n + " of seed " + SEED + " with the JDK (shrunk from " + program.size()
                            + " statements to " + small.size() + "), at x = " + Arrays.toString(x) + ", v = "
                            + Arrays.toString(v) + ":\n" + check(javac, small, x, v, hessian) + "\n--- statements:\n"
                            + small);
                }
            }
        }
        assertTrue(refusals < count / 2, refusals + " of " + count + " programs refused");
    }

    /**
     * Whether a refusal is one the program may meet: at a statement marked {@link Programs#MAY_REFUSE}, named by the
     * program's class and the statement's line.
     *
     * @return what is wrong with it, or null
     */
    private static String wrongRefusal(Program program, NotDifferentiableException e) {
        String[] lines = program.source("Generated").split("\n", -1);
        boolean marked = e.line() >= 1 && e.line() <= lines.length && lines[e.line() - 1].contains(Programs.MAY_REFUSE);
        if (!e.className().startsWith("Generated") || !marked) {
            return "refused where it should not be, or at the wrong place: " + e.getMessage();
        }
        return null;
    }

    /** What is wrong with the program's derivatives at {@code x}, or null when nothing is. */
    static String check(ProgramCompiler javac, Program program, double[] x, double[] v, boolean hessian) {
        MultivariateFunction f = javac.load(program);
        double[] before = x.clone();
        double plain = f.apply(x.clone());
        ValueAndGradient reverse;
        double directional;
        try {
            reverse = AD.valueAndGradient(f, x);
            if (!Arrays.equals(before, x)) {
                return "AD.valueAndGradient modified its input: " + Arrays.toString(x);
            }
            directional = AD.jvp(f, x, v);
            if (!Arrays.equals(before, x)) {
                return "AD.jvp modified its input: " + Arrays.toString(x);
            }
        } catch (NotDifferentiableException e) {
            refusals++;
            return wrongRefusal(program, e);
        } catch (RuntimeException e) {
            return "differentiating threw " + e;
        }
        if (Double.doubleToLongBits(plain) != Double.doubleToLongBits(reverse.value())) {
            return "the value " + reverse.value() + " differs from the program's, " + plain;
        }
        double[] expected = Oracle.centralGradient(p -> f.apply(p.clone()), x);
        double[] g = reverse.gradient();
        for (int i = 0; i < x.length; i++) {
            if (!(Math.abs(expected[i] - g[i]) <= 1e-5 * Math.max(1, Math.abs(expected[i])))) {
                return "component " + i + " of the gradient " + Arrays.toString(g) + " differs from central "
                        + "differences " + Arrays.toString(expected);
            }
        }
        double dot = 0;
        double scale = 0;
        for (int i = 0; i < x.length; i++) {
            dot += g[i] * v[i];
            scale += Math.abs(g[i] * v[i]);
        }
        if (!(Math.abs(dot - directional) <= 1e-9 * Math.max(1, scale))) {
            return "forward mode's derivative along v, " + directional + ", differs from the reverse gradient's, "
                    + dot;
        }
        if (!hessian) {
            return null;
        }
        String second = checkHessian(f, x);
        boolean callsBack = program.toString().contains(Programs.CALLS_BACK)
                || program.toString().contains(Programs.MAY_REFUSE);
        return callsBack && second != null && second.contains(NotDifferentiableException.class.getName()) ? null
                : second;
    }

    /** What is wrong with the Hessian (forward over reverse) against central differences of the gradient. */
    private static String checkHessian(MultivariateFunction f, double[] x) {
        double[][] h;
        try {
            h = AD.hessian(f, x);
        } catch (RuntimeException e) {
            return "the Hessian threw " + e;
        }
        double[][] expected = Oracle.centralJacobian(p -> AD.gradient(f, p), x, 1e-5);
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                if (!(Math.abs(expected[i][j] - h[i][j]) <= 1e-5 * Math.max(1, Math.abs(expected[i][j])))) {
                    return "H[" + i + "][" + j + "] = " + h[i][j] + " differs from central differences of the"
                            + " gradient, " + expected[i][j];
                }
            }
        }
        return null;
    }

    /** The program less every statement whose removal keeps it failing, one at a time until none can go. */
    static Program shrink(ProgramCompiler javac, Program program, double[] x, double[] v, boolean hessian) {
        List<String> statements = new ArrayList<>(program.statements());
        boolean smaller = true;
        while (smaller) {
            smaller = false;
            for (int i = statements.size() - 1; i >= 0 && statements.size() > 1; i--) {
                List<String> without = new ArrayList<>(statements);
                without.remove(i);
                if (check(javac, new Program(without), x, v, hessian) != null) {
                    statements = without;
                    smaller = true;
                }
            }
        }
        return new Program(statements);
    }
}
