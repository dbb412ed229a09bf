package dev.adjoint.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.ConstantPartial;
import dev.adjoint.DerivativeRules;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.NotDifferentiableException;
import dev.adjoint.Partial;
import dev.adjoint.ScalarFunction;
import dev.adjoint.rules.opaque.OpaqueLoader;
import dev.adjoint.rules.opaque.SecretRules;
import dev.adjoint.subjects.BlackBoxes;

/** Derivative rules and substitutes declared by users, in both modes. */
class UserRulesTest {

    @BeforeAll
    static void register() {
        AD.register(BlackBoxRules.class);
    }

    @Test
    void a_partial_replaces_code_built_on_bit_tricks() {
        for (double x : new double[] {0.3, 1.0, 2.5, 40.0}) {
            ScalarFunction f = v -> BlackBoxes.fastInverseSqrt((float) v);
            float y = BlackBoxes.fastInverseSqrt((float) x);
            double rule = -0.5 * y * y * y;
            // the rule is applied to the function's own result, in both modes
            assertEquals(rule, AD.gradient(f, x), 1e-12 * Math.abs(rule), "reverse at " + x);
            assertEquals(rule, AD.derivative(f, x), 1e-12 * Math.abs(rule), "forward at " + x);
            // and the approximation's derivative is close to that of 1/sqrt(x)
            double exact = -0.5 * Math.pow(x, -1.5);
            assertEquals(exact, AD.gradient(f, x), 1e-2 * Math.abs(exact), "vs analytic at " + x);
        }
    }

    @Test
    void the_same_code_without_a_rule_is_refused() {
        ScalarFunction f = v -> BlackBoxes.fastInverseSqrtWithoutRule((float) v);
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class, () -> AD.gradient(f, 2.0));
        assertTrue(e.getMessage().contains("bit"), e.getMessage());
    }

    @Test
    void a_substitute_is_differentiated_in_place_of_a_stream() {
        double[] a = {1, 2, 3};
        double[] b = {4, -5, 6};
        MultivariateFunction f = x -> BlackBoxes.streamDot(x, b) * x[0];
        // d/da (a·b) a0 = b a0 + (a·b) e0
        double dot = 1 * 4 - 2 * 5 + 3 * 6;
        double[] expected = {4 * 1 + dot, -5 * 1, 6 * 1};
        assertArrayEquals(expected, AD.gradient(f, a), 1e-12);
        assertEquals(expected[1] * 0.5 + expected[2], AD.jvp(f, a, new double[] {0, 0.5, 1}), 1e-12);
        // outside differentiation the original runs
        assertEquals(dot, BlackBoxes.streamDot(a, b), 0);
    }

    @Test
    void the_stream_without_a_substitute_is_refused() {
        double[] b = {4, -5, 6};
        MultivariateFunction f = x -> BlackBoxes.streamDotWithoutSubstitute(x, b);
        assertThrows(NotDifferentiableException.class, () -> AD.gradient(f, new double[] {1, 2, 3}));
    }

    @Test
    void a_rule_for_a_class_whose_code_the_engine_cannot_read() throws Exception {
        ClassLoader loader = new OpaqueLoader(getClass().getClassLoader());
        Class<?> caller = Class.forName("dev.adjoint.rules.opaque.Caller", true, loader);
        ScalarFunction f = (ScalarFunction) caller.getMethod("function").invoke(null);
        double x = 1.5;
        assertEquals(2 * (x * x * x + 2 * x), f.apply(x), 1e-12);
        // the engine has no class file for Secret: refused, naming it
        ScalarFunction g = (ScalarFunction) Class.forName("dev.adjoint.rules.opaque.Caller", true,
                new OpaqueLoader(getClass().getClassLoader())).getMethod("function").invoke(null);
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class, () -> AD.gradient(g, x));
        assertTrue(e.getMessage().contains("Secret"), e.getMessage());
        // with the rule, both modes differentiate through it
        AD.register(SecretRules.class);
        ScalarFunction h = (ScalarFunction) Class.forName("dev.adjoint.rules.opaque.Caller", true,
                new OpaqueLoader(getClass().getClassLoader())).getMethod("function").invoke(null);
        assertEquals(2 * (3 * x * x + 2), AD.gradient(h, x), 1e-12);
        assertEquals(2 * (3 * x * x + 2), AD.derivative(h, x), 1e-12);
    }

    @Test
    void stop_gradient_cuts_the_derivative() {
        ScalarFunction f = x -> x * AD.stopGradient(x) + Math.sin(AD.stopGradient(x));
        assertEquals(0.7, AD.gradient(f, 0.7), 1e-15);
        assertEquals(0.7, AD.derivative(f, 0.7), 1e-15);
        assertEquals(0.7 * 0.7 + Math.sin(0.7), f.apply(0.7), 0);
    }

    @Test
    void malformed_rules_are_rejected_with_the_reason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AD.register(String.class)).getMessage()
                .contains("not annotated with @DerivativeRules"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AD.register(MissingPartial.class))
                .getMessage().contains("no partial of hypot(DD)D with respect to argument 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AD.register(NotStatic.class))
                .getMessage().contains("must be public and static"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AD.register(WrongArity.class))
                .getMessage().contains("gives 1 values for (DD)D"));
    }

    @DerivativeRules(Math.class)
    public static final class MissingPartial {
        @Partial("hypot")
        public static double hypotX(double x, double y, double r) {
            return x / r;
        }
    }

    @DerivativeRules(Math.class)
    public static final class NotStatic {
        @Partial("sin")
        public double sin(double x, double r) {
            return Math.cos(x);
        }
    }

    @DerivativeRules(Math.class)
    @ConstantPartial(method = "hypot", descriptor = "(DD)D", value = 1)
    public static final class WrongArity {
    }
}
