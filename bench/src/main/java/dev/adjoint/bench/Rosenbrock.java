package dev.adjoint.bench;

/** The extended Rosenbrock function, Σᵢ 100 (xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², written plainly. */
public final class Rosenbrock {

    private Rosenbrock() {
    }

    /**
     * The value at a point.
     *
     * @param x the point, of any length
     * @return the function's value
     */
    public static double value(double[] x) {
        double sum = 0;
        for (int i = 0; i < x.length - 1; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            sum += 100 * a * a + b * b;
        }
        return sum;
    }
}
