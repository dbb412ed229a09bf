package dev.adjoint.bench.gmm;

import dev.adjoint.examples.adbench.LogGamma;

/**
 * ADBench's C++ {@code gmm_objective} (tools/cpp-common/gmm.h) translated line by line: every C pointer becomes an
 * array and an offset, {@code std::vector} a {@code new double[]}, {@code lgamma} the example's {@link LogGamma}.
 * The points are one flat array of n·d numbers, as ADBench passes them.
 */
public final class AdbenchGmm {

    private AdbenchGmm() {
    }

    static double arrMax(int n, double[] x, int xOff) {
        double m = x[xOff];
        for (int i = 1; i < n; i++) {
            if (m < x[xOff + i]) {
                m = x[xOff + i];
            }
        }
        return m;
    }

    static double sqnorm(int n, double[] x, int xOff) {
        double res = x[xOff] * x[xOff];
        for (int i = 1; i < n; i++) {
            res = res + x[xOff + i] * x[xOff + i];
        }
        return res;
    }

    static void subtract(int d, double[] x, int xOff, double[] y, int yOff, double[] out) {
        for (int id = 0; id < d; id++) {
            out[id] = x[xOff + id] - y[yOff + id];
        }
    }

    static double logsumexp(int n, double[] x, int xOff) {
        double mx = arrMax(n, x, xOff);
        double semx = 0.;
        for (int i = 0; i < n; i++) {
            semx = semx + Math.exp(x[xOff + i] - mx);
        }
        return Math.log(semx) + mx;
    }

    static double logGammaDistrib(double a, int p) {
        double out = 0.25 * p * (p - 1) * Math.log(Math.PI);
        for (int j = 1; j <= p; j++) {
            out = out + LogGamma.of(a + 0.5 * (1 - j));
        }
        return out;
    }

    static double logWishartPrior(int p, int k, double wishartGamma, int wishartM, double[] sumQs, double[] qdiags,
                                  double[] icf, int icfOff) {
        int n = p + wishartM + 1;
        int icfSz = p * (p + 1) / 2;
        double c = n * p * (Math.log(wishartGamma) - 0.5 * Math.log(2)) - logGammaDistrib(0.5 * n, p);
        double out = 0;
        for (int ik = 0; ik < k; ik++) {
            double frobenius = sqnorm(p, qdiags, ik * p) + sqnorm(icfSz - p, icf, icfOff + ik * icfSz + p);
            out = out + 0.5 * wishartGamma * wishartGamma * frobenius - wishartM * sumQs[ik];
        }
        return out - k * c;
    }

    static void preprocessQs(int d, int k, double[] icf, int icfOff, double[] sumQs, double[] qdiags) {
        int icfSz = d * (d + 1) / 2;
        for (int ik = 0; ik < k; ik++) {
            sumQs[ik] = 0.;
            for (int id = 0; id < d; id++) {
                double q = icf[icfOff + ik * icfSz + id];
                sumQs[ik] = sumQs[ik] + q;
                qdiags[ik * d + id] = Math.exp(q);
            }
        }
    }

    static void qtimesx(int d, double[] qdiag, int qdiagOff, double[] ltri, int ltriOff, double[] x, double[] out) {
        for (int id = 0; id < d; id++) {
            out[id] = qdiag[qdiagOff + id] * x[id];
        }
        int lparamsidx = 0;
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                out[j] = out[j] + ltri[ltriOff + lparamsidx] * x[i];
                lparamsidx++;
            }
        }
    }

    /**
     * {@code gmm_objective} with ADBench's arguments; alphas, means and icf are consecutive parts of one array.
     *
     * @param d            the dimension
     * @param k            the number of components
     * @param n            the number of points
     * @param parameters   alphas (k), means (k·d), icf (k·d(d+1)/2)
     * @param x            the points, n·d numbers
     * @param wishartGamma the prior's γ
     * @param wishartM     the prior's m
     * @return the objective
     */
    public static double gmmObjective(int d, int k, int n, double[] parameters, double[] x, double wishartGamma,
                                      int wishartM) {
        int alphas = 0;
        int means = k;
        int icf = k + k * d;
        final double constant = -n * d * 0.5 * Math.log(2 * Math.PI);
        int icfSz = d * (d + 1) / 2;

        double[] qdiags = new double[d * k];
        double[] sumQs = new double[k];
        double[] xcentered = new double[d];
        double[] qxcentered = new double[d];
        double[] mainTerm = new double[k];

        preprocessQs(d, k, parameters, icf, sumQs, qdiags);

        double slse = 0.;
        for (int ix = 0; ix < n; ix++) {
            for (int ik = 0; ik < k; ik++) {
                subtract(d, x, ix * d, parameters, means + ik * d, xcentered);
                qtimesx(d, qdiags, ik * d, parameters, icf + ik * icfSz + d, xcentered, qxcentered);
                mainTerm[ik] = parameters[alphas + ik] + sumQs[ik] - 0.5 * sqnorm(d, qxcentered, 0);
            }
            slse = slse + logsumexp(k, mainTerm, 0);
        }

        double lseAlphas = logsumexp(k, parameters, alphas);
        double err = constant + slse - n * lseAlphas;
        err = err + logWishartPrior(d, k, wishartGamma, wishartM, sumQs, qdiags, parameters, icf);
        return err;
    }
}
