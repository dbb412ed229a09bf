package dev.adjoint.inline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.internal.bytecode.ClassHierarchy;
import dev.adjoint.internal.engine.Companion;
import dev.adjoint.internal.engine.Engine;
import dev.adjoint.testing.Oracle;

/**
 * An inlined body reads an argument loaded from the caller's local from that local (ir.Inlining), unless it writes
 * its parameter or the argument is computed: small helpers that take an array and an index, called in a loop, and
 * the hazards (a helper that reassigns its parameter, an index incremented as it is passed, the caller's array
 * replaced between calls), each gradient checked against central differences.
 */
class InlinedArgumentTest {

    private static final double[] X = {0.7, -1.3, 2.1, 0.4, 1.6, -0.2};

    private static void check(MultivariateFunction f) {
        double[] x = X.clone();
        double[] expected = Oracle.centralGradient(f::apply, x);
        double[] g = AD.gradient(f, x);
        assertArrayEquals(X, x, 0.0, "input untouched");
        assertEquals(f.apply(X.clone()), AD.valueAndGradient(f, X.clone()).value(), 0.0, "value");
        for (int i = 0; i < x.length; i++) {
            assertEquals(expected[i], g[i], 1e-6 * Math.max(1, Math.abs(expected[i])), "component " + i);
        }
    }

    static double product(double[] a, int i) {
        return a[i] * a[i + 1];
    }

    static double chain(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length - 1; i++) {
            s += product(x, i);
        }
        return s;
    }

    /** Writes its parameter: keeps a copy of its own. */
    static double either(double[] a, double[] b, int i) {
        if (i % 2 == 0) {
            a = b;
        }
        return a[i] * a[i];
    }

    static double alternating(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.sin(x[i]);
        }
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += either(x, y, i);
        }
        return s;
    }

    static double at(double[] a, int i) {
        return a[i] * a[i] * a[i];
    }

    static double incremented(double[] x) {
        double s = 0;
        int i = 0;
        while (i < x.length) {
            s += at(x, i++);
        }
        return s;
    }

    static double swapped(double[] x) {
        double[] a = x;
        double[] b = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            b[i] = 2 * x[i] * x[i];
        }
        double s = 0;
        for (int i = 0; i < x.length - 1; i++) {
            s += product(a, i);
            double[] t = a;
            a = b;
            b = t;
        }
        return s;
    }

    @Test
    void a_helper_called_in_a_loop_with_the_callers_array_differentiates_as_its_central_differences() {
        check(InlinedArgumentTest::chain);
    }

    @Test
    void a_helper_that_writes_its_parameter_differentiates_as_its_central_differences() {
        check(InlinedArgumentTest::alternating);
    }

    @Test
    void an_index_incremented_as_it_is_passed_differentiates_as_its_central_differences() {
        check(InlinedArgumentTest::incremented);
    }

    @Test
    void arrays_swapped_between_calls_differentiate_as_their_central_differences() {
        check(InlinedArgumentTest::swapped);
    }

    /** The body reads the caller's array and index: no local of the body is written per pass for them. */
    @Test
    void the_inlined_body_reads_the_callers_locals() throws Exception {
        String listing = listing("chain", "([D)D");
        assertTrue(listing.contains("before differentiating: inlined dev/adjoint/inline/InlinedArgumentTest.product"),
                listing);
        String plan = listing.substring(0, listing.indexOf("// class version"));
        assertFalse(plan.contains("ASTORE"), plan);
    }

    private static String listing(String name, String desc) throws Exception {
        ClassHierarchy hierarchy = new ClassHierarchy(
                ClassHierarchy.ClassBytes.of(InlinedArgumentTest.class.getClassLoader()));
        byte[] bytes;
        try (InputStream in = InlinedArgumentTest.class.getResourceAsStream("InlinedArgumentTest.class")) {
            bytes = in.readAllBytes();
        }
        Companion c = Engine.standard(true).generate(bytes, name, desc, hierarchy, Engine.Mode.REVERSE);
        return c.listing();
    }
}
