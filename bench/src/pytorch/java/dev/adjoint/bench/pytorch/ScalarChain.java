package dev.adjoint.bench.pytorch;

/**
 * 10,000 dependent scalar operations: 5,000 steps of {@code x ← x (r − x)}, each needing the one before. At
 * {@code r = 1} the map creeps towards its fixed point 0 (x ≈ 1/step), so neither the value nor the partials
 * settle and rounding is not amplified.
 */
public final class ScalarChain {

    /** Steps of two operations each. */
    public static final int STEPS = 5_000;

    private ScalarChain() {
    }

    /** @return r and the starting x */
    public static double[] start() {
        return new double[] {1.0, 0.5};
    }

    /**
     * @param p r, then the starting x
     * @return x after {@link #STEPS} steps
     */
    public static double iterate(double[] p) {
        double r = p[0];
        double x = p[1];
        for (int i = 0; i < STEPS; i++) {
            x = x * (r - x);
        }
        return x;
    }
}
