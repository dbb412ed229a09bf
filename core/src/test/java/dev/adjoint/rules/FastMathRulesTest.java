package dev.adjoint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.util.FastMath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.adjoint.AD;
import dev.adjoint.ScalarFunction;

/**
 * Commons Math's {@code FastMath} is differentiated by rules, not through its table lookups and bit tricks. Each
 * function, on random points of its domain, by reverse and by forward mode, against Commons Math's own hand-written
 * derivative ({@link DerivativeStructure}).
 */
class FastMathRulesTest {

    private static final int POINTS = 40;

    private static Arguments rule(String name, ScalarFunction f, UnaryOperator<DerivativeStructure> oracle,
                                  double lo, double hi) {
        return Arguments.of(name, f, oracle, lo, hi);
    }

    static Stream<Arguments> rules() {
        double b = 0.7;
        return Stream.of(
                rule("sin", FastMath::sin, DerivativeStructure::sin, -40, 40),
                rule("cos", FastMath::cos, DerivativeStructure::cos, -40, 40),
                rule("tan", FastMath::tan, DerivativeStructure::tan, -1.4, 1.4),
                rule("asin", FastMath::asin, DerivativeStructure::asin, -0.95, 0.95),
                rule("acos", FastMath::acos, DerivativeStructure::acos, -0.95, 0.95),
                rule("atan", FastMath::atan, DerivativeStructure::atan, -5, 5),
                rule("sinh", FastMath::sinh, DerivativeStructure::sinh, -3, 3),
                rule("cosh", FastMath::cosh, DerivativeStructure::cosh, -3, 3),
                rule("tanh", FastMath::tanh, DerivativeStructure::tanh, -3, 3),
                rule("asinh", FastMath::asinh, DerivativeStructure::asinh, -3, 3),
                rule("acosh", FastMath::acosh, DerivativeStructure::acosh, 1.05, 5),
                rule("atanh", FastMath::atanh, DerivativeStructure::atanh, -0.95, 0.95),
                rule("exp", FastMath::exp, DerivativeStructure::exp, -5, 5),
                rule("expm1", FastMath::expm1, DerivativeStructure::expm1, -3, 3),
                rule("log", FastMath::log, DerivativeStructure::log, 0.05, 20),
                rule("log10", FastMath::log10, DerivativeStructure::log10, 0.05, 20),
                rule("log1p", FastMath::log1p, DerivativeStructure::log1p, -0.9, 20),
                rule("sqrt", FastMath::sqrt, DerivativeStructure::sqrt, 0.01, 30),
                rule("cbrt", FastMath::cbrt, DerivativeStructure::cbrt, 0.05, 30),
                rule("abs", FastMath::abs, DerivativeStructure::abs, -5, 5),
                rule("toDegrees", FastMath::toDegrees, DerivativeStructure::toDegrees, -5, 5),
                rule("toRadians", FastMath::toRadians, DerivativeStructure::toRadians, -500, 500),
                rule("pow base", a -> FastMath.pow(a, 2.7), d -> d.pow(2.7), 0.1, 4),
                rule("pow exponent", e -> FastMath.pow(1.7, e), d -> DerivativeStructure.pow(1.7, d), -3, 3),
                rule("pow int", a -> FastMath.pow(a, 3), d -> d.pow(3), -3, 3),
                rule("pow long", a -> FastMath.pow(a, 5L), d -> d.pow(5), -3, 3),
                rule("atan2 y", y -> FastMath.atan2(y, b), d -> DerivativeStructure.atan2(d, d.createConstant(b)),
                        -3, 3),
                rule("atan2 x", x -> FastMath.atan2(b, x), d -> DerivativeStructure.atan2(d.createConstant(b), d),
                        -3, 3),
                rule("hypot", x -> FastMath.hypot(x, b), d -> DerivativeStructure.hypot(d, d.createConstant(b)),
                        -3, 3),
                rule("log base 5", x -> FastMath.log(5.0, x), d -> d.log().divide(Math.log(5.0)), 0.1, 9),
                rule("max", x -> FastMath.max(x, b) * x, d -> x(d) > b ? d.multiply(d) : d.multiply(b), -3, 3),
                rule("floor", x -> FastMath.floor(x) * x, d -> d.multiply(Math.floor(x(d))), -3, 3));
    }

    private static double x(DerivativeStructure d) {
        return d.getValue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void the_rule_agrees_with_DerivativeStructure_on_random_points(String name, ScalarFunction f,
                                                                  UnaryOperator<DerivativeStructure> oracle,
                                                                  double lo, double hi) {
        Random random = new Random(name.hashCode());
        for (int i = 0; i < POINTS; i++) {
            double x = lo + (hi - lo) * random.nextDouble();
            double expected = oracle.apply(new DerivativeStructure(1, 1, 0, x)).getPartialDerivative(1);
            double tolerance = 1e-13 * Math.max(1, Math.abs(expected));
            assertEquals(expected, AD.gradient(f, x), tolerance, name + " reverse mode at " + x);
            assertEquals(expected, AD.derivative(f, x), tolerance, name + " forward mode at " + x);
        }
    }

    @Test
    void the_base_of_a_logarithm_gets_its_derivative() {
        DoubleUnaryOperator oracle = base -> -Math.log(3.0) / (base * Math.log(base) * Math.log(base));
        for (double base : new double[] {0.3, 2.0, 10.0}) {
            assertEquals(oracle.applyAsDouble(base), AD.gradient(c -> FastMath.log(c, 3.0), base),
                    1e-13 * Math.abs(oracle.applyAsDouble(base)));
        }
    }
}
