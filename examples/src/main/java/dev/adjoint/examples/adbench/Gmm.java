package dev.adjoint.examples.adbench;

/**
 * ADBench's GMM objective: the negative log-likelihood of a Gaussian mixture with a Wishart prior on the inverse
 * covariances, written as plain array code. Each component's inverse covariance factor Qₖ is lower triangular with
 * diagonal exp(qₖ) and strictly lower part lₖ, and both come from the component's row of icf.
 */
public final class Gmm {

    private Gmm() {
    }

    /**
     * The number of parameters of a mixture.
     *
     * @param d the dimension
     * @param k the number of components
     * @return k + k·d + k·(d + d(d−1)/2)
     */
    public static int parameterCount(int d, int k) {
        return k + k * d + k * icfSize(d);
    }

    private static int icfSize(int d) {
        return d + d * (d - 1) / 2;
    }

    /**
     * The objective.
     *
     * @param parameters α (k), then μ (k·d), then icf (k·(d + d(d−1)/2))
     * @param data       the points and the prior
     * @return the objective, ADBench's {@code gmm_objective}
     */
    public static double objective(double[] parameters, GmmData data) {
        int d = data.dimension;
        int k = data.components;
        int n = data.points.length;
        int icfSize = icfSize(d);
        int means = k;
        int icf = k + k * d;

        double[] sumQs = new double[k];
        double[] diagonals = new double[k * d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                double q = parameters[icf + c * icfSize + j];
                sumQs[c] += q;
                diagonals[c * d + j] = Math.exp(q);
            }
        }

        double[] centered = new double[d];
        double[] transformed = new double[d];
        double[] mainTerms = new double[k];
        double sumLogSumExp = 0;
        for (double[] x : data.points) {
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < d; j++) {
                    centered[j] = x[j] - parameters[means + c * d + j];
                }
                multiplyByQ(diagonals, c * d, parameters, icf + c * icfSize + d, centered, transformed);
                mainTerms[c] = parameters[c] + sumQs[c] - 0.5 * squaredNorm(transformed);
            }
            sumLogSumExp += logSumExp(mainTerms, 0, k);
        }

        double constant = -n * d * 0.5 * Math.log(2 * Math.PI);
        return constant + sumLogSumExp - n * logSumExp(parameters, 0, k)
                + logWishartPrior(parameters, icf, sumQs, diagonals, data);
    }

    /** out = Q x, with Q lower triangular: diagonal from {@code diagonals}, strictly lower part column by column. */
    private static void multiplyByQ(double[] diagonals, int diagonalOffset, double[] lower, int lowerOffset,
                                    double[] x, double[] out) {
        int d = x.length;
        for (int i = 0; i < d; i++) {
            out[i] = diagonals[diagonalOffset + i] * x[i];
        }
        int l = lowerOffset;
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                out[j] += lower[l] * x[i];
                l++;
            }
        }
    }

    private static double squaredNorm(double[] v) {
        double sum = 0;
        for (double e : v) {
            sum += e * e;
        }
        return sum;
    }

    /** log Σ exp(vᵢ) over a range, shifted by the maximum so that exp cannot overflow. */
    static double logSumExp(double[] v, int offset, int length) {
        double max = v[offset];
        for (int i = offset + 1; i < offset + length; i++) {
            if (v[i] > max) {
                max = v[i];
            }
        }
        double sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += Math.exp(v[i] - max);
        }
        return max + Math.log(sum);
    }

    private static double logWishartPrior(double[] parameters, int icf, double[] sumQs, double[] diagonals,
                                          GmmData data) {
        int d = data.dimension;
        int k = data.components;
        int icfSize = icfSize(d);
        double gamma = data.wishartGamma;
        int m = data.wishartM;
        int nPrime = d + m + 1;
        double c = nPrime * d * (Math.log(gamma) - 0.5 * Math.log(2)) - LogGamma.multivariate(0.5 * nPrime, d);

        double prior = 0;
        for (int component = 0; component < k; component++) {
            double frobenius = 0;
            for (int j = 0; j < d; j++) {
                double q = diagonals[component * d + j];
                frobenius += q * q;
            }
            for (int j = d; j < icfSize; j++) {
                double l = parameters[icf + component * icfSize + j];
                frobenius += l * l;
            }
            prior += 0.5 * gamma * gamma * frobenius - m * sumQs[component];
        }
        return prior - k * c;
    }
}
