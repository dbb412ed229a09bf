package dev.adjoint.bench.gmm;

import java.util.Arrays;

import dev.adjoint.examples.adbench.LogGamma;

/**
 * ADBench's GMM written as an object: the mixture's weights, means and inverse-covariance factors are fields, sliced
 * out of the parameter vector with {@code Arrays.copyOfRange}; the negative log-likelihood is an instance method
 * over the points, with a helper {@code logsumexp}.
 */
public final class GmmModel {

    private final int d;
    private final int k;
    private final double[] alphas;
    private final double[][] means;
    /** Per component: the d log-diagonal entries of Q, then its strictly lower part column by column. */
    private final double[][] icf;

    /**
     * @param parameters alphas (k), means (k·d), icf (k·d(d+1)/2), the gradient's layout
     * @param d          the dimension
     * @param k          the number of components
     */
    public GmmModel(double[] parameters, int d, int k) {
        this.d = d;
        this.k = k;
        int icfSize = d * (d + 1) / 2;
        this.alphas = Arrays.copyOfRange(parameters, 0, k);
        this.means = new double[k][];
        this.icf = new double[k][];
        for (int c = 0; c < k; c++) {
            means[c] = Arrays.copyOfRange(parameters, k + c * d, k + (c + 1) * d);
            int start = k + k * d + c * icfSize;
            icf[c] = Arrays.copyOfRange(parameters, start, start + icfSize);
        }
    }

    /**
     * @param points the data, one row per point
     * @param gamma  the Wishart prior's γ
     * @param m      the Wishart prior's m
     * @return the objective: minus the log-likelihood's constant-free part, plus the prior, as ADBench defines it
     */
    public double objective(double[][] points, double gamma, int m) {
        double[] logDeterminants = new double[k];
        for (int c = 0; c < k; c++) {
            double sum = 0;
            for (int j = 0; j < d; j++) {
                sum = sum + icf[c][j];
            }
            logDeterminants[c] = sum;
        }
        double total = 0;
        double[] terms = new double[k];
        for (double[] x : points) {
            for (int c = 0; c < k; c++) {
                double[] y = new double[d];
                for (int j = 0; j < d; j++) {
                    y[j] = Math.exp(icf[c][j]) * (x[j] - means[c][j]);
                }
                int l = d;
                for (int i = 0; i < d; i++) {
                    double centred = x[i] - means[c][i];
                    for (int j = i + 1; j < d; j++) {
                        y[j] = y[j] + icf[c][l] * centred;
                        l++;
                    }
                }
                double norm = 0;
                for (int j = 0; j < d; j++) {
                    norm = norm + y[j] * y[j];
                }
                terms[c] = alphas[c] + logDeterminants[c] - 0.5 * norm;
            }
            total = total + logsumexp(terms);
        }
        int n = points.length;
        return -n * d * 0.5 * Math.log(2 * Math.PI) + total - n * logsumexp(alphas)
                + wishartPrior(logDeterminants, gamma, m);
    }

    private double wishartPrior(double[] logDeterminants, double gamma, int m) {
        int degrees = d + m + 1;
        double normaliser = degrees * d * (Math.log(gamma) - 0.5 * Math.log(2))
                - LogGamma.multivariate(0.5 * degrees, d);
        double prior = 0;
        for (int c = 0; c < k; c++) {
            double frobenius = 0;
            for (int j = 0; j < icf[c].length; j++) {
                double entry = j < d ? Math.exp(icf[c][j]) : icf[c][j];
                frobenius = frobenius + entry * entry;
            }
            prior = prior + 0.5 * gamma * gamma * frobenius - m * logDeterminants[c];
        }
        return prior - k * normaliser;
    }

    private static double logsumexp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double e : v) {
            max = Math.max(max, e);
        }
        double sum = 0;
        for (double e : v) {
            sum = sum + Math.exp(e - max);
        }
        return Math.log(sum) + max;
    }
}
