package dev.adjoint.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.subjects.EverydayCode;
import dev.adjoint.testing.Check;

/**
 * Gradients of {@link EverydayCode}, code written as people write Java, against central differences, or against
 * the analytic derivative where the function has kinks or rounds through {@code float} (central differences would
 * straddle them).
 */
class EverydayCodeTest {

    private static final double[] POINT = {0.31, -0.42, 0.57, 0.23, -0.18, 0.74};

    static Stream<Arguments> functions() {
        return Stream.of(
                Arguments.of("complexIter", (MultivariateFunction) EverydayCode::complexIter),
                Arguments.of("particle", (MultivariateFunction) EverydayCode::particle),
                Arguments.of("shapes", (MultivariateFunction) EverydayCode::shapes),
                Arguments.of("activations", (MultivariateFunction) EverydayCode::activations),
                Arguments.of("matmul", (MultivariateFunction) EverydayCode::matmul),
                Arguments.of("boxedList", (MultivariateFunction) EverydayCode::boxedList),
                Arguments.of("horner", (MultivariateFunction) EverydayCode::horner),
                Arguments.of("newtonCbrt", (MultivariateFunction) EverydayCode::newtonCbrt),
                Arguments.of("softmaxCe", (MultivariateFunction) EverydayCode::softmaxCe),
                Arguments.of("enumOps", (MultivariateFunction) EverydayCode::enumOps),
                Arguments.of("recursion", (MultivariateFunction) EverydayCode::recursion),
                Arguments.of("mathLib", (MultivariateFunction) EverydayCode::mathLib),
                Arguments.of("hashMap", (MultivariateFunction) EverydayCode::hashMap),
                Arguments.of("streams", (MultivariateFunction) EverydayCode::streams),
                Arguments.of("intervals", (MultivariateFunction) EverydayCode::intervals),
                Arguments.of("template", (MultivariateFunction) EverydayCode::template),
                Arguments.of("eulerOde", (MultivariateFunction) EverydayCode::eulerOde),
                Arguments.of("heat", (MultivariateFunction) EverydayCode::heat),
                Arguments.of("varargs", (MultivariateFunction) EverydayCode::varargs),
                Arguments.of("withLogging", (MultivariateFunction) EverydayCode::withLogging),
                Arguments.of("arraysUtil", (MultivariateFunction) EverydayCode::arraysUtil));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void the_gradient_agrees_with_central_differences(String name, MultivariateFunction f) {
        Check.gradient(f, POINT, 1e-6);
    }

    @Test
    void an_exception_caught_in_a_loop_takes_the_handler_s_derivative() {
        double[] g = AD.gradient(EverydayCode::tryCatch, POINT);
        for (int k = 0; k < POINT.length; k++) {
            double v = POINT[k];
            double expected = 0;
            for (int r = 0; r < 200; r++) {
                double argument = v - 0.3 + 0.001 * r;
                expected += argument > 0 ? 1 / argument : 2 * v;
            }
            assertEquals(expected, g[k], 1e-12 * Math.abs(expected), "component " + k);
        }
    }

    @Test
    void a_table_interpolated_at_a_floored_index_has_the_slopes_of_its_segments() {
        double[] table = new double[101];
        for (int i = 0; i <= 100; i++) {
            table[i] = Math.sin(i * 0.05);
        }
        double expected = 0;
        for (int r = 0; r < 500; r++) {
            double x = (POINT[0] * 10 + r * 0.013) % 90 + 1;
            int i = (int) Math.floor(x);
            expected += 10 * (table[i + 1] - table[i]);
        }
        double[] g = AD.gradient(EverydayCode::interp, POINT);
        assertEquals(expected, g[0], 1e-12 * Math.abs(expected));
        assertEquals(0, g[1]);
    }

    @Test
    void a_value_rounded_through_float_and_a_long_counter() {
        double[] g = AD.gradient(EverydayCode::mixedTypes, POINT);
        // Σ over 2,000 steps of (float) (p0 / 2) · p1 + (i mod 7) · p2; the rounding's derivative is taken as one
        assertEquals(2000 * 0.5 * POINT[1], g[0], 1e-9);
        assertEquals(2000 * (double) (float) (POINT[0] * 0.5), g[1], 1e-9);
        long sevens = 0;
        for (long i = 0; i < 2000; i++) {
            sevens += i % 7;
        }
        assertEquals(sevens, g[2], 1e-9);
    }
}
