package dev.adjoint.subjects;

/** Functions of a double[] that read their input. */
public final class Vectors {

    private Vectors() {
    }

    public static double rosenbrock(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length - 1; i++) {
            double a = x[i];
            double b = x[i + 1];
            s += 100 * (b - a * a) * (b - a * a) + (1 - a) * (1 - a);
        }
        return s;
    }

    public static double dot(double[] x) {
        return x[0] * x[1] + x[2] * x[2] - x[x.length - 1];
    }

    public static double viaHelper(double[] x) {
        return sumOfSquares(x, 0, x.length) * norm1(x);
    }

    static double sumOfSquares(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i] * v[i];
        }
        return s;
    }

    static double norm1(double[] v) {
        double s = 0;
        for (double e : v) {
            s += Math.abs(e);
        }
        return s;
    }

    public static double softmaxLoss(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double z = 0;
        for (double v : x) {
            z += Math.exp(v - max);
        }
        return Math.log(z) + max - x[0];
    }
}
