package dev.adjoint.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.ScalarFunction;
import dev.adjoint.reverse.TaylorSine;
import dev.adjoint.subjects.Arithmetic;
import dev.adjoint.subjects.Calls;
import dev.adjoint.subjects.Control;
import dev.adjoint.subjects.Exceptional;
import dev.adjoint.subjects.Fields;
import dev.adjoint.subjects.Mutation;
import dev.adjoint.subjects.Shapes;
import dev.adjoint.subjects.Vectors;
import dev.adjoint.testing.Oracle;

class ForwardModeTest {

    @Test
    void forward_mode_gives_the_seed_sine_derivative() {
        double d = AD.derivative(TaylorSine::sine, 1.0);
        assertEquals(Math.cos(1.0), d, 1e-8);
        assertEquals(0.540302303791887, d, 1e-15);
    }

    static Stream<Arguments> scalarFunctions() {
        return Stream.of(
                Arguments.of("polynomial", (ScalarFunction) Arithmetic::polynomial, 0.7),
                Arguments.of("quotient", (ScalarFunction) Arithmetic::quotient, 1.9),
                Arguments.of("remainder", (ScalarFunction) Arithmetic::remainder, 1.3),
                Arguments.of("reassigned", (ScalarFunction) Arithmetic::reassigned, 1.5),
                Arguments.of("branches", (ScalarFunction) Control::branches, 0.5),
                Arguments.of("ternary", (ScalarFunction) Control::ternary, -2.0),
                Arguments.of("tableSwitch", (ScalarFunction) Control::tableSwitch, 1.5),
                Arguments.of("whileLoop", (ScalarFunction) Control::whileLoop, 3.0),
                Arguments.of("newton", (ScalarFunction) Control::newton, 2.0),
                Arguments.of("staticCalls", (ScalarFunction) Calls::staticCalls, 0.5),
                Arguments.of("twoArguments", (ScalarFunction) Calls::twoArguments, 0.5),
                Arguments.of("virtualDispatch", (ScalarFunction) Calls::virtualDispatch, 1.1),
                Arguments.of("defaultMethods", (ScalarFunction) Calls::defaultMethods, 1.1),
                Arguments.of("recursion", (ScalarFunction) Calls::recursion, 0.8),
                Arguments.of("staticFields", (ScalarFunction) Fields::staticFields, 0.4),
                Arguments.of("vectors", (ScalarFunction) Shapes::vectors, 0.3),
                Arguments.of("records", (ScalarFunction) Shapes::records, 1.7),
                Arguments.of("computedFields", (ScalarFunction) Shapes::computedFields, 0.4),
                Arguments.of("caughtAfterHeapWrites", (ScalarFunction) Exceptional::caughtAfterHeapWrites, 0.9),
                Arguments.of("caughtInLoop", (ScalarFunction) Exceptional::caughtInLoop, 1.2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scalarFunctions")
    void forward_and_reverse_mode_agree_with_central_differences(String name, ScalarFunction f, double x) {
        double fd = Oracle.centralDifference(f::apply, x);
        double forward = AD.derivative(f, x);
        double reverse = AD.gradient(f, x);
        assertEquals(fd, forward, 1e-6 * Math.max(1, Math.abs(fd)), "forward vs central differences");
        assertEquals(forward, reverse, 1e-12 * Math.max(1, Math.abs(forward)), "forward vs reverse");
    }

    @Test
    void float_fields_in_forward_mode_match_the_analytic_derivative() {
        double x = 0.3;
        float small = (float) (x * 2);
        double s1 = x * x + small;
        double expected = 2 * s1 * (2 * x + 2) + 2 + 2;
        assertEquals(expected, AD.derivative(Fields::instanceFields, x), 1e-6);
    }

    static Stream<Arguments> vectorFunctions() {
        return Stream.of(
                Arguments.of("rosenbrock", (MultivariateFunction) Vectors::rosenbrock),
                Arguments.of("softmaxLoss", (MultivariateFunction) Vectors::softmaxLoss),
                Arguments.of("inPlace", (MultivariateFunction) Mutation::inPlace),
                Arguments.of("jdkArrays", (MultivariateFunction) Mutation::jdkArrays),
                Arguments.of("collections", (MultivariateFunction) Mutation::collections),
                Arguments.of("objects", (MultivariateFunction) Mutation::objects));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorFunctions")
    void jacobian_vector_products_equal_the_gradient_times_the_direction(String name, MultivariateFunction f) {
        double[] x = {0.7, -1.3, 2.1, 0.4};
        double[] v = {0.3, 1.0, -0.5, 2.0};
        double[] fd = Oracle.centralGradient(p -> f.apply(p.clone()), x);
        double expected = 0;
        for (int i = 0; i < x.length; i++) {
            expected += fd[i] * v[i];
        }
        assertEquals(expected, AD.jvp(f, x, v), 1e-6 * Math.max(1, Math.abs(expected)));
    }

    /** A power of a negative number: d/de pow(x, e) is NaN there, but e comes from a field and has no tangent. */
    @Test
    void a_partial_that_is_not_finite_does_not_matter_where_its_tangent_is_zero() {
        double x = -1.7;
        assertEquals(3 * x * x, AD.derivative(Fields::powerOfField, x), 1e-14);
        assertEquals(3 * x * x, AD.gradient(Fields::powerOfField, x), 1e-14);
    }
}
