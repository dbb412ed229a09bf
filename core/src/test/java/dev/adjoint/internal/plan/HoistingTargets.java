package dev.adjoint.internal.plan;

/**
 * Validation targets of {@link RecoveryValidationTest} whose loops read fields of {@code this}: where nothing in the
 * loop can change the field, the read moves before the loop (ir.FieldHoisting), and the array it holds is mirrored
 * instead of taped per element; where something can, it stays. A final field cannot change outside a constructor,
 * so its read moves out of a loop that calls.
 */
final class HoistingTargets {

    private final double[] weights;
    private final int width;
    private volatile double[] shared;
    private double[] scratch;
    private double[] tuned;

    HoistingTargets(double[] weights, int width) {
        this.weights = weights;
        this.width = width;
        this.shared = weights;
        this.scratch = new double[width];
        this.tuned = weights;
    }

    double rowDot(double[] x, int row) {
        double s = 0;
        for (int i = 0; i < width; i++) {
            s += weights[row * width + i] * x[i];   // expect: array mirrored, index rebuilt, index mirrored, recomputed partial
        }
        return s;
    }

    double nested(double[] x) {
        double s = 0;
        for (int r = 0; r < x.length; r++) {
            for (int i = 0; i < width; i++) {
                s += weights[r * width + i] * x[i]; // expect: array mirrored, index rebuilt, index mirrored, recomputed partial
            }
        }
        return s;
    }

    double whileLoop(double[] x) {
        double s = 0;
        int i = 0;
        while (i < width) {
            s += weights[i] * x[i];                 // expect: array mirrored, index mirrored, recomputed partial
            i++;
        }
        return s;
    }

    double doWhile(double[] x) {
        double s = 0;
        int i = 0;
        do {
            s += weights[i] * x[i];                 // expect: array mirrored, index mirrored, recomputed partial
            i++;
        } while (i < width);
        return s;
    }

    double volatileRead(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += shared[i] * x[i];                  // expect: array taped, array mirrored, index mirrored, recomputed partial (volatile)
        }
        return s;
    }

    double writtenInLoop(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            scratch = x;
            s += scratch[i] * x[i];                 // expect: array taped, array mirrored, index mirrored, recomputed partial (assigned in the loop)
        }
        return s;
    }

    double callsInLoop(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += tuned[i] * helper(x[i]);           // expect: array taped, array mirrored, index mirrored, reference mirrored (a call)
        }
        return s;
    }

    double finalFieldAcrossCalls(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += weights[i] * helper(x[i]);         // expect: array mirrored, index mirrored, recomputed partial, reference mirrored
        }
        return s;
    }

    double wholeBodyLoop(double[] x) {
        while (x[0] < width) {
            x[0] = weights[0] * helper(x[0]) + 1;   // expect: array mirrored, index constant, recomputed partial, reference mirrored
        }
        return x[0];                                // expect: array mirrored, index constant
    }

    private double helper(double v) {
        return v * v;
    }
}
