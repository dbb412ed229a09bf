package dev.adjoint.inline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.testing.Check;
import dev.adjoint.testing.PreparationNotes;

/**
 * A lambda made and called in the same method is called through its body, which is then inlined (ir.LocalLambdas):
 * an ODE's right-hand side given as a lambda to the method's own Euler loop, an activation held in a local. The
 * hazards keep the interface call: a lambda made inside the loop that calls it (each pass captures another value),
 * a local that holds one of two lambdas, a lambda that also leaves the method. Every gradient is checked against
 * central differences or its analytic value.
 */
class LocalLambdaTest {

    /** The right-hand side of a first-order system, written into {@code dy}. */
    interface System2 {
        void rates(double t, double[] y, double[] dy);
    }

    /** A damped oscillator, y'' = −k y − c y', by 2,000 explicit Euler steps; returns y(T)² + y'(T). */
    static double euler(double[] p) {
        double k = p[0];
        double c = p[1];
        System2 rhs = (t, y, dy) -> {
            dy[0] = y[1];
            dy[1] = -k * y[0] - c * y[1];
        };
        double[] y = {1, 0};
        double[] dy = new double[2];
        double h = 1e-3;
        for (int i = 0; i < 2000; i++) {
            rhs.rates(i * h, y, dy);
            y[0] += h * dy[0];
            y[1] += h * dy[1];
        }
        return y[0] * y[0] + y[1];
    }

    /** Σ_i act(x_i) with act = v ↦ tanh(a·v) held in a local. */
    static double activation(double[] x) {
        double a = x[0];
        DoubleUnaryOperator act = v -> Math.tanh(a * v);
        double s = 0;
        for (int i = 1; i < x.length; i++) {
            s += act.applyAsDouble(x[i]);
        }
        return s;
    }

    /** The same sum with a lambda made on every pass, capturing the pass's weight. */
    static double madeInTheLoop(double[] x) {
        double s = 0;
        for (int i = 1; i < x.length; i++) {
            double w = x[i - 1];
            DoubleUnaryOperator act = v -> Math.tanh(w * v);
            s += act.applyAsDouble(x[i]);
        }
        return s;
    }

    /** One of two lambdas, chosen by the sign of the first value. */
    static double eitherLambda(double[] x) {
        double a = x[0];
        DoubleBinaryOperator f = a > 0 ? (u, v) -> a * u * v : (u, v) -> u + a * v;
        double s = 0;
        for (int i = 1; i < x.length; i++) {
            s += f.applyAsDouble(x[i], x[i - 1]);
        }
        return s;
    }

    static double applyTwice(DoubleUnaryOperator f, double v) {
        return f.applyAsDouble(f.applyAsDouble(v));
    }

    /** A lambda called here and also handed to another method. */
    static double alsoLeaves(double[] x) {
        double a = x[0];
        DoubleUnaryOperator f = v -> a * Math.sin(v);
        double s = applyTwice(f, x[1]);
        for (int i = 1; i < x.length; i++) {
            s += f.applyAsDouble(x[i]);
        }
        return s;
    }

    private static final double[] POINT = {0.7, -0.3, 0.45, 1.1, -0.8, 0.25};

    @Test
    void an_ode_given_as_a_lambda_to_the_method_s_own_loop_is_inlined_and_its_gradient_is_right() throws Exception {
        assertTrue(notes("euler", "([D)D").contains("inlined dev/adjoint/inline/LocalLambdaTest.lambda$euler$"));
        Check.gradient(LocalLambdaTest::euler, new double[] {4, 0.3}, 1e-6);
        // through the lambda's companion, every step tapes the arrays it passes and the partials of k and c;
        // inlined, the arrays are the caller's locals: 96,036 bytes, against 120,040 through the companion
        assertTrue(AD.lastTapeBytes() < 110_000, "tape " + AD.lastTapeBytes() + " bytes");
    }

    @Test
    void an_activation_held_in_a_local_is_inlined_and_its_gradient_is_right() throws Exception {
        assertTrue(notes("activation", "([D)D").contains("inlined dev/adjoint/inline/LocalLambdaTest.lambda$"));
        double[] g = AD.gradient(LocalLambdaTest::activation, POINT);
        double a = POINT[0];
        double da = 0;
        for (int i = 1; i < POINT.length; i++) {
            double sech2 = 1 - Math.pow(Math.tanh(a * POINT[i]), 2);
            da += sech2 * POINT[i];
            assertEquals(sech2 * a, g[i], 1e-14);
        }
        assertEquals(da, g[0], 1e-14);
    }

    @Test
    void a_lambda_made_on_every_pass_keeps_its_call_and_its_gradient_is_right() throws Exception {
        assertFalse(notes("madeInTheLoop", "([D)D").contains("inlined"));
        Check.gradient(LocalLambdaTest::madeInTheLoop, POINT, 1e-6);
    }

    @Test
    void a_local_holding_one_of_two_lambdas_keeps_its_call_and_its_gradient_is_right() throws Exception {
        assertFalse(notes("eitherLambda", "([D)D").contains("inlined"));
        Check.gradient(LocalLambdaTest::eitherLambda, POINT, 1e-6);
        double[] negative = POINT.clone();
        negative[0] = -0.7;
        Check.gradient(LocalLambdaTest::eitherLambda, negative, 1e-6);
    }

    @Test
    void a_lambda_that_also_leaves_the_method_is_still_made_and_its_gradient_is_right() throws Exception {
        assertTrue(notes("alsoLeaves", "([D)D").contains("inlined dev/adjoint/inline/LocalLambdaTest.lambda$"));
        Check.gradient(LocalLambdaTest::alsoLeaves, POINT, 1e-6);
    }

    private static String notes(String name, String desc) throws Exception {
        return PreparationNotes.of(LocalLambdaTest.class, name, desc);
    }
}
