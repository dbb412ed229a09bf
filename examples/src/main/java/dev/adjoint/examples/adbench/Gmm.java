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
     * @return the objective, ADBench's {@code gmm_objective}: {@link #logLikelihood} + {@link #logWishartPrior}
     */
    public static double objective(double[] parameters, GmmData data) {
        return logLikelihood(parameters, data.points, data.dimension, data.components)
                + logWishartPrior(parameters, data.dimension, data.components, data.wishartGamma, data.wishartM);
    }

    /**
     * The log-likelihood of points under the mixture, the part of the objective that is a sum over points (so a
     * sum over any split of them into blocks).
     *
     * @param parameters α (k), then μ (k·d), then icf (k·(d + d(d−1)/2))
     * @param points     the points, each of length d
     * @param d          the dimension
     * @param k          the number of components
     * @return Σ over points of log Σₖ softmax(α)ₖ N(x; μₖ, (QₖᵀQₖ)⁻¹)
     */
    public static double logLikelihood(double[] parameters, double[][] points, int d, int k) {
        int n = points.length;
        int icfSize = icfSize(d);
        int means = k;
        int icf = k + k * d;

        double[] sumQs = new double[k];
        double[] diagonals = new double[k * d];
        diagonals(parameters, d, k, sumQs, diagonals);

        double[] centered = new double[d];
        double[] transformed = new double[d];
        double[] mainTerms = new double[k];
        double sumLogSumExp = 0;
        for (double[] x : points) {
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
        return constant + sumLogSumExp - n * logSumExp(parameters, 0, k);
    }

    /** Σ qₖⱼ per component, and the diagonals exp(qₖⱼ) of the Qₖ. */
    private static void diagonals(double[] parameters, int d, int k, double[] sumQs, double[] diagonals) {
        int icfSize = icfSize(d);
        int icf = k + k * d;
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                double q = parameters[icf + c * icfSize + j];
                sumQs[c] += q;
                diagonals[c * d + j] = Math.exp(q);
            }
        }
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

    /**
     * ADBench's Wishart prior term on the inverse covariance factors (a penalty: it grows with ‖Qₖ‖ and falls
     * with their log-determinants); it does not depend on the points.
     *
     * @param parameters α (k), then μ (k·d), then icf (k·(d + d(d−1)/2))
     * @param d          the dimension
     * @param k          the number of components
     * @param gamma      the prior's γ
     * @param m          the prior's m
     * @return Σₖ (½γ²‖Qₖ‖²_F − m Σⱼ qₖⱼ) − k·C(γ, m, d)
     */
    public static double logWishartPrior(double[] parameters, int d, int k, double gamma, int m) {
        int icfSize = icfSize(d);
        int icf = k + k * d;
        double[] sumQs = new double[k];
        double[] diagonals = new double[k * d];
        diagonals(parameters, d, k, sumQs, diagonals);
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
