package dev.adjoint.bench.shapes;

import java.util.stream.IntStream;

/**
 * A polyline's elastic energy written with a stream of records, as people write it: each pair of neighbouring
 * coordinates becomes a {@code Segment} by {@code mapToObj}, whose energy a method reference gives to
 * {@code mapToDouble}. The records live only inside the pipeline.
 */
public final class StreamSegments {

    /** Coordinates. */
    public static final int N = 10_000;

    /** A spring between two coordinates of rest length 1. */
    record Segment(double from, double to) {
        double energy() {
            double stretch = to - from - 1;
            return 0.5 * stretch * stretch;
        }
    }

    private StreamSegments() {
    }

    /** @return {@link #N} coordinates spaced by about 1 */
    public static double[] start() {
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = i + 0.1 * Math.sin(i);
        }
        return x;
    }

    /** @return the sum of the segments' energies */
    public static double energy(double[] x) {
        return IntStream.range(0, x.length - 1).mapToObj(i -> new Segment(x[i], x[i + 1]))
                .mapToDouble(Segment::energy).sum();
    }
}
