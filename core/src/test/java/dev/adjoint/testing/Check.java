package dev.adjoint.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
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

    /**
     * The reverse-mode gradient agrees with central differences of the function, component by component, to
     * {@code tolerance}, relative where a component is larger than one.
     */
    public static double[] gradient(MultivariateFunction f, double[] x, double tolerance) {
        double[] expected = Oracle.centralGradient(f::apply, x);
        double[] g = AD.gradient(f, x);
        for (int i = 0; i < x.length; i++) {
            assertEquals(expected[i], g[i], tolerance * Math.max(1, Math.abs(expected[i])), "component " + i);
        }
        return g;
    }

    /** The Hessian (forward over reverse) agrees with central differences of the reverse-mode gradient. */
    public static double[][] hessian(MultivariateFunction f, double[] x) {
        double[][] h = AD.hessian(f, x);
        double[][] expected = Oracle.centralJacobian(p -> AD.gradient(f, p), x, 1e-5);
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                assertEquals(expected[i][j], h[i][j], 1e-6 * Math.max(1, Math.abs(expected[i][j])),
                        "H[" + i + "][" + j + "]");
            }
        }
        return h;
    }
}
