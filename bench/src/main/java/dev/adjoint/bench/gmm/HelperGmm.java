package dev.adjoint.bench.gmm;

import dev.adjoint.examples.adbench.LogGamma;

/**
 * ADBench's GMM written with one small static method per concept: where a component's weight, mean and factor live
 * in the parameter vector, the centred point, the triangular product, a component's log-density, the mixture's
 * log-likelihood of a point, the prior. No streams, no objects beyond the arrays.
 */
public final class HelperGmm {

    private HelperGmm() {
    }

    /** The size of a component's inverse-covariance factor: d diagonal and d(d−1)/2 lower entries. */
    static int factorSize(int d) {
        return d * (d + 1) / 2;
    }

    static int meanStart(int d, int k, int c) {
        return k + c * d;
    }

    static int factorStart(int d, int k, int c) {
        return k + k * d + c * factorSize(d);
    }

    /** log det Q of a component: the sum of its log-diagonal. */
    static double logDeterminant(double[] p, int d, int k, int c) {
        int start = factorStart(d, k, c);
        double sum = 0;
        for (int j = 0; j < d; j++) {
            sum += p[start + j];
        }
        return sum;
    }

    static double[] centred(double[] x, double[] p, int meanStart) {
        double[] out = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            out[j] = x[j] - p[meanStart + j];
        }
        return out;
    }

    /** Q v for the factor at {@code start}: diagonal exp(q), then the strictly lower part column by column. */
    static double[] factorTimes(double[] p, int start, double[] v) {
        int d = v.length;
        double[] out = new double[d];
        for (int j = 0; j < d; j++) {
            out[j] = Math.exp(p[start + j]) * v[j];
        }
        int l = start + d;
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                out[j] += p[l++] * v[i];
            }
        }
        return out;
    }

    static double squaredNorm(double[] v) {
        double sum = 0;
        for (double e : v) {
            sum += e * e;
        }
        return sum;
    }

    /** The unnormalised log-density of component c at x, weight and determinant included. */
    static double componentTerm(double[] p, int d, int k, int c, double[] x) {
        double[] y = factorTimes(p, factorStart(d, k, c), centred(x, p, meanStart(d, k, c)));
        return p[c] + logDeterminant(p, d, k, c) - 0.5 * squaredNorm(y);
    }

    static double logSumExp(double[] v, int from, int to) {
        double max = v[from];
        for (int i = from + 1; i < to; i++) {
            max = Math.max(max, v[i]);
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += Math.exp(v[i] - max);
        }
        return max + Math.log(sum);
    }

    static double pointLogLikelihood(double[] p, int d, int k, double[] x) {
        double[] terms = new double[k];
        for (int c = 0; c < k; c++) {
            terms[c] = componentTerm(p, d, k, c, x);
        }
        return logSumExp(terms, 0, k);
    }

    static double frobeniusSquared(double[] p, int d, int start) {
        double sum = 0;
        for (int j = 0; j < d; j++) {
            double diagonal = Math.exp(p[start + j]);
            sum += diagonal * diagonal;
        }
        for (int j = start + d; j < start + factorSize(d); j++) {
            sum += p[j] * p[j];
        }
        return sum;
    }

    static double wishartPrior(double[] p, int d, int k, double gamma, int m) {
        int degrees = d + m + 1;
        double normaliser = degrees * d * (Math.log(gamma) - 0.5 * Math.log(2))
                - LogGamma.multivariate(0.5 * degrees, d);
        double prior = 0;
        for (int c = 0; c < k; c++) {
            prior += 0.5 * gamma * gamma * frobeniusSquared(p, d, factorStart(d, k, c))
                    - m * logDeterminant(p, d, k, c);
        }
        return prior - k * normaliser;
    }

    /**
     * @param p      alphas (k), means (k·d), factors (k·d(d+1)/2)
     * @param d      the dimension
     * @param k      the number of components
     * @param points the data, one row per point
     * @param gamma  the Wishart prior's γ
     * @param m      the Wishart prior's m
     * @return the objective
     */
    public static double objective(double[] p, int d, int k, double[][] points, double gamma, int m) {
        double sum = 0;
        for (double[] x : points) {
            sum += pointLogLikelihood(p, d, k, x);
        }
        int n = points.length;
        return -n * d * 0.5 * Math.log(2 * Math.PI) + sum - n * logSumExp(p, 0, k) + wishartPrior(p, d, k, gamma, m);
    }
}
