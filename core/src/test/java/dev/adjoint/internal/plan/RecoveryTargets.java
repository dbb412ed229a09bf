package dev.adjoint.internal.plan;

/**
 * Validation targets of {@link RecoveryValidationTest}: how the early stages of the planner ({@link Roles},
 * {@link ValueRecovery}, {@link Rematerialization}) treat each line, written beside it.
 */
final class RecoveryTargets {

    private RecoveryTargets() {
    }

    static double squares(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * x[i];                      // expect: alias, array mirrored, index mirrored, recomputed partial
        }
        return s;
    }

    static double strided(double[] x, int k) {
        return x[2 * k + 1] * 3;                   // expect: array mirrored, index rebuilt
    }

    static double indirect(double[] x, int[] idx) {
        return x[idx[0]] * x[idx[1]];              // expect: array mirrored, index taped (so no recomputed partial)
    }

    static double packedDot(double[] packed, double[] v) {
        double s = 0;
        int l = 0;
        for (int i = 0; i < v.length; i++) {
            s += packed[l++] * v[i];               // expect: array mirrored, index mirrored, recomputed partial
        }
        return s;
    }

    static double postIncrementCaught(double[] x) {
        double s = 0;
        int l = 0;
        try {
            // a handler reads l: its increment stays where it was, and the index is taped
            s += x[l++] * x[0]; // expect: array mirrored, index taped, index constant, recomputed partial
        } catch (ArrayIndexOutOfBoundsException e) {
            s += l;
        }
        return s;
    }

    static double named(double a, double b) {
        double t = a * b;                          // expect: copy
        return t * t + t;
    }

    static double reassigned(double[] x, double[] y, boolean swap) {
        double[] v = x;
        if (swap) {
            v = y;
        }
        return v[0] * v[0];                        // expect: alias, array mirrored, index constant, recomputed partial
    }

    static double fieldArray(Cell c) {
        return c.values[0] * c.values[0];          // expect: array taped, index constant (no alias: unknown array)
    }

    static double field(Cell c) {
        return c.value * c.value;                  // expect: alias, reference mirrored
    }

    /** A holder of one number. */
    static final class Cell {
        double value;
        double[] values;
    }
}
