package com.example;

/** A user's library for {@code ad show} and {@code ad check}: none of it knows about Adjoint. */
public final class Lens {

    private Lens() {
    }

    /** The focal length of two thin lenses in contact: 1/f = 1/a + 1/b. */
    public static double focus(double a, double b) {
        return 1 / (1 / a + 1 / b);
    }

    /** The energy of a chain of springs with rest length 1. */
    public static double chain(double[] x) {
        double e = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double stretch = x[i + 1] - x[i] - 1;
            e += 0.5 * stretch * stretch;
        }
        return e;
    }

    /** A jump at 1: at x = 1 the derivative of the branch taken is 1, while central differences straddle the jump. */
    public static double jump(double x) {
        return x > 1 ? x + 1 : x;
    }
}
