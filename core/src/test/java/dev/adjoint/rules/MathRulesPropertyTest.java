package dev.adjoint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.adjoint.AD;
import dev.adjoint.ScalarFunction;

/**
 * Every derivative rule of {@link Math} and {@link StrictMath}, on many random points of its domain, by reverse and
 * by forward mode, against central differences. Two-argument functions are checked in each argument. Points near
 * kinks and jumps are avoided, where central differences are not an oracle.
 */
class MathRulesPropertyTest {

    private static final int POINTS = 150;

    /** A function of one variable, its domain, and a guard that keeps points away from kinks. */
    private static Arguments rule(String name, ScalarFunction f, double lo, double hi) {
        return Arguments.of(name, f, lo, hi);
    }

    static Stream<Arguments> rules() {
        double b = 0.7;
        return Stream.of(
                rule("sin", Math::sin, -6, 6), rule("cos", Math::cos, -6, 6), rule("tan", Math::tan, -1.4, 1.4),
                rule("asin", Math::asin, -0.95, 0.95), rule("acos", Math::acos, -0.95, 0.95),
                rule("atan", Math::atan, -5, 5), rule("sinh", Math::sinh, -3, 3), rule("cosh", Math::cosh, -3, 3),
                rule("tanh", Math::tanh, -3, 3), rule("exp", Math::exp, -5, 5), rule("expm1", Math::expm1, -3, 3),
                rule("log", Math::log, 0.05, 20), rule("log10", Math::log10, 0.05, 20),
                rule("log1p", Math::log1p, -0.9, 20), rule("sqrt", Math::sqrt, 0.01, 30),
                rule("cbrt", Math::cbrt, 0.05, 30), rule("cbrt negative", Math::cbrt, -30, -0.05),
                rule("abs", Math::abs, -5, 5), rule("abs float", x -> Math.abs((float) x), -5, 5),
                rule("signum", x -> Math.signum(x) * x, -5, 5),
                rule("toDegrees", Math::toDegrees, -5, 5), rule("toRadians", Math::toRadians, -500, 500),
                rule("floor", x -> Math.floor(x) + x, -5, 5), rule("ceil", x -> Math.ceil(x) * x, -5, 5),
                rule("rint", x -> Math.rint(x) * x, -5, 5), rule("round", x -> Math.round(x) * x, -5, 5),
                rule("ulp", x -> Math.ulp(x) + x, -5, 5), rule("nextUp", Math::nextUp, -5, 5),
                rule("nextDown", Math::nextDown, -5, 5),
                rule("atan2 y", y -> Math.atan2(y, b), -3, 3), rule("atan2 x", x -> Math.atan2(b, x), -3, 3),
                rule("hypot x", x -> Math.hypot(x, b), -3, 3), rule("hypot y", y -> Math.hypot(b, y), -3, 3),
                rule("pow base", a -> Math.pow(a, 2.7), 0.1, 4), rule("pow exponent", e -> Math.pow(1.7, e), -3, 3),
                rule("pow both", v -> Math.pow(v, v), 0.1, 3), rule("pow integer", a -> Math.pow(a, 3), -3, 3),
                rule("max first", x -> Math.max(x, b), -3, 3), rule("max second", x -> Math.max(b, x), -3, 3),
                rule("min first", x -> Math.min(x, b), -3, 3), rule("min second", x -> Math.min(b, x), -3, 3),
                rule("max float", x -> Math.max((float) x, 0.7f), -3, 3),
                rule("copySign", x -> Math.copySign(x, -2.0), -3, 3),
                rule("fma first", x -> Math.fma(x, 3.0, b), -3, 3), rule("fma second", x -> Math.fma(b, x, 1.0), -3, 3),
                rule("fma third", x -> Math.fma(b, 2.0, x), -3, 3),
                rule("IEEEremainder x", x -> Math.IEEEremainder(x, 1.3), -5, 5),
                rule("IEEEremainder y", y -> Math.IEEEremainder(5.5, y), 1.1, 4),
                rule("scalb", x -> Math.scalb(x, 3), -3, 3), rule("scalb float", x -> Math.scalb((float) x, -2), -3, 3),
                rule("nextAfter", x -> Math.nextAfter(x, 10.0), -3, 3),
                rule("StrictMath.sin", StrictMath::sin, -6, 6), rule("StrictMath.exp", StrictMath::exp, -5, 5),
                rule("StrictMath.log", StrictMath::log, 0.05, 20), rule("StrictMath.sqrt", StrictMath::sqrt, 0.01, 30),
                rule("StrictMath.pow", x -> StrictMath.pow(x, 1.5), 0.1, 4),
                rule("StrictMath.atan2", x -> StrictMath.atan2(x, 2), -3, 3),
                rule("StrictMath.hypot", x -> StrictMath.hypot(x, 2), -3, 3),
                rule("StrictMath.cbrt", StrictMath::cbrt, 0.05, 30), rule("StrictMath.tanh", StrictMath::tanh, -3, 3),
                rule("Double.sum", x -> Double.sum(x, x * x), -3, 3),
                rule("Double.max", x -> Double.max(x, b), -3, 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void the_rule_agrees_with_central_differences_on_random_points(String name, ScalarFunction f, double lo,
                                                                   double hi) {
        Random random = new Random(name.hashCode());
        int checked = 0;
        while (checked < POINTS) {
            double x = lo + (hi - lo) * random.nextDouble();
            // float functions resolve only ~1e-7: a step of 1e-3 keeps rounding out of the oracle
            boolean single = name.contains("float");
            double h = (single ? 1e-3 : 1e-6) * Math.max(1, Math.abs(x));
            if (nearKink(name, x, h)) {
                continue;
            }
            double fd = (f.apply(x + h) - f.apply(x - h)) / (2 * h);
            double tolerance = (single ? 1e-3 : 1e-5) * Math.max(1, Math.abs(fd));
            assertEquals(fd, AD.gradient(f, x), tolerance, name + " reverse mode at " + x);
            assertEquals(fd, AD.derivative(f, x), tolerance, name + " forward mode at " + x);
            checked++;
        }
    }

    /** Points where a central difference straddles a kink or a jump of the function. */
    private static boolean nearKink(String name, double x, double h) {
        double margin = 10 * h;
        if (name.startsWith("floor") || name.startsWith("ceil") || name.startsWith("rint")
                || name.startsWith("round")) {
            double frac = x - Math.floor(x);
            return frac < margin || frac > 1 - margin || Math.abs(frac - 0.5) < margin;
        }
        if (name.startsWith("ulp")) {
            // ulp jumps at every power of two
            double e = Math.log(Math.abs(x)) / Math.log(2);
            return Math.abs(x) < margin || Math.abs(e - Math.rint(e)) < 1e-4;
        }
        if (name.startsWith("abs") || name.startsWith("signum") || name.startsWith("copySign")) {
            return Math.abs(x) < margin;
        }
        if (name.startsWith("max") || name.startsWith("min") || name.startsWith("Double.max")) {
            return Math.abs(x - 0.7) < margin;
        }
        if (name.startsWith("IEEEremainder x")) {
            double q = x / 1.3;
            return Math.abs(q - Math.rint(q)) > 0.5 - margin;
        }
        if (name.startsWith("IEEEremainder y")) {
            double q = 5.5 / x;
            return Math.abs(q - Math.rint(q)) > 0.5 - 10 * margin;
        }
        return false;
    }
}
