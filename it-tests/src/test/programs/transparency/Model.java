import dev.adjoint.Differentiable;

/** A Differentiable class with loops, arrays, fields, recursion and a bit trick, called only directly. */
final class Model implements Differentiable {

    private final double[] coefficients;
    private double calls;

    Model(double[] coefficients) {
        this.coefficients = coefficients.clone();
    }

    double value(double x) {
        calls++;
        double y = 0;
        for (int i = coefficients.length - 1; i >= 0; i--) {
            y = y * x + coefficients[i];
        }
        return y;
    }

    double checked(double x) {
        if (x < 0) {
            throw new IllegalArgumentException("x must not be negative: " + x);
        }
        return Math.sqrt(x);
    }

    double at(int i) {
        return coefficients[i];
    }

    double bitwiseAbs(double x) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(x) & 0x7fffffffffffffffL);
    }

    static double series(double x, int n) {
        return n == 0 ? 1 : 1 + x * series(x, n - 1) / n;
    }
}
