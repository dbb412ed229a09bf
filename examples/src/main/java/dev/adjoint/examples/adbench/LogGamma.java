package dev.adjoint.examples.adbench;

/**
 * The logarithm of the gamma function, which the JDK lacks: the Lanczos approximation with g = 7 and nine
 * coefficients (relative error about 1e-15 for positive arguments), and the reflection formula below 1/2.
 */
public final class LogGamma {

    private static final double G = 7;
    private static final double[] COEFFICIENTS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
    };
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private LogGamma() {
    }

    /**
     * log |Γ(x)|.
     *
     * @param x the argument, not zero nor a negative integer
     * @return log |Γ(x)|
     */
    public static double of(double x) {
        if (x < 0.5) {
            // Γ(x) Γ(1 - x) = π / sin(πx); the series below is accurate only for x ≥ 1/2
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - of(1 - x);
        }
        double z = x - 1;
        double sum = COEFFICIENTS[0];
        for (int i = 1; i < COEFFICIENTS.length; i++) {
            sum += COEFFICIENTS[i] / (z + i);
        }
        double t = z + G + 0.5;
        return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    /**
     * The log of the multivariate gamma function, log Γ_p(a) = ¼ p(p−1) log π + Σ_{j=1..p} log Γ(a + (1 − j)/2).
     *
     * @param a the argument
     * @param p the dimension
     * @return log Γ_p(a)
     */
    public static double multivariate(double a, int p) {
        double value = 0.25 * p * (p - 1) * Math.log(Math.PI);
        for (int j = 1; j <= p; j++) {
            value += of(a + 0.5 * (1 - j));
        }
        return value;
    }
}
