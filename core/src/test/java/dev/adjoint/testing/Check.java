package dev.adjoint.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;

import dev.adjoint.AD;
import dev.adjoint.ScalarFunction;

/** Assertions of gradients against independent oracles. */
public final class Check {

    private Check() {
    }

    /** The reverse-mode derivative equals the analytic one to a relative tolerance. */
    public static double analytic(ScalarFunction f, double x, double expected, double tolerance) {
        double g = AD.gradient(f, x);
        assertEquals(expected, g, tolerance * Math.max(1.0, Math.abs(expected)),
                () -> "d/dx at " + x);
        return g;
    }

    /** The reverse-mode derivative agrees with central finite differences. */
    public static double finiteDifference(ScalarFunction f, double x) {
        double g = AD.gradient(f, x);
        DoubleUnaryOperator plain = f::apply;
        double fd = Oracle.centralDifference(plain, x);
        assertTrue(Double.isFinite(g), () -> "gradient at " + x + " is " + g);
        assertEquals(fd, g, 1e-6 * Math.max(1.0, Math.abs(fd)), () -> "AD vs central difference at " + x);
        return g;
    }
}
