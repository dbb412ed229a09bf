package dev.adjoint.cli.subjects;

/** Methods for {@code ad check}: every supported shape, and the cases it must refuse or fail. */
public final class Checked {

    private final double scale;

    public Checked() {
        this.scale = 3;
    }

    /** An instance method: the receiver comes from the public constructor without parameters. */
    public double scaled(double x) {
        return scale * Math.sin(x) * x;
    }

    public static double product(double x, double y, double z) {
        return x * y * Math.exp(z);
    }

    public static double rosenbrock(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length - 1; i++) {
            s += 100 * (x[i + 1] - x[i] * x[i]) * (x[i + 1] - x[i] * x[i]) + (1 - x[i]) * (1 - x[i]);
        }
        return s;
    }

    public static double sumOfSquares(double... x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return s;
    }

    /** A jump at 1: the derivative of the branch taken is 1, while central differences straddle the jump. */
    public static double jump(double x) {
        return x > 1 ? x + 1 : x;
    }

    /** Bits of an active value: Adjoint refuses it rather than return a wrong derivative. */
    public static double bits(double x) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(x) + 1) * x;
    }

    public static double throwing(double x) {
        if (x > 0) {
            throw new IllegalArgumentException("x must not be positive");
        }
        return x;
    }

    private static int calls;

    /** Returns x on its first call and a little more afterwards: the AD's value is then not the plain call's. */
    public static double drifting(double x) {
        return calls++ == 0 ? x : x + 1e-9;
    }

    public static double counted(int n) {
        return n;
    }

    public static float single(double x) {
        return (float) x;
    }
}
