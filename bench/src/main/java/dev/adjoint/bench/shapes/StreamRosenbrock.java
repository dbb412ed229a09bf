package dev.adjoint.bench.shapes;

import java.util.stream.IntStream;

/**
 * Rosenbrock's function over {@link #N} coordinates written as people write it with streams, a pipeline of indices
 * mapped to doubles and summed, beside the same sum as a loop: the stream's gradient against its primal, and
 * against the loop's gradient, shows what the pipeline costs.
 */
public final class StreamRosenbrock {

    /** Coordinates. */
    public static final int N = 10_000;

    private StreamRosenbrock() {
    }

    /** @return a point of {@link #N} coordinates near the valley, but not on it */
    public static double[] start() {
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = 0.5 + 0.4 * Math.sin(i);
        }
        return x;
    }

    /** @return Rosenbrock's function as a stream of indices mapped to each term and summed */
    public static double asStream(double[] x) {
        return IntStream.range(0, x.length - 1).mapToDouble(i -> term(x[i], x[i + 1])).sum();
    }

    /** @return the same function as a loop (a plain sum, without the stream's compensation) */
    public static double asLoop(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length - 1; i++) {
            s += term(x[i], x[i + 1]);
        }
        return s;
    }

    private static double term(double a, double b) {
        double d = b - a * a;
        return 100 * d * d + (1 - a) * (1 - a);
    }
}
