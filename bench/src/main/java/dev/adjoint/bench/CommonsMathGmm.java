package dev.adjoint.bench;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;

import dev.adjoint.examples.adbench.GmmData;
import dev.adjoint.examples.adbench.LogGamma;

/**
 * {@link dev.adjoint.examples.adbench.Gmm}'s objective again, over Commons Math's {@link DerivativeStructure}: the
 * same loops, with each parameter-dependent value a structure that carries the full gradient forward.
 */
final class CommonsMathGmm {

    private CommonsMathGmm() {
    }

    static double[] gradient(double[] parameters, GmmData data) {
        return DerivativeStructures.gradient(objective(DerivativeStructures.variables(parameters), data));
    }

    static DerivativeStructure objective(DerivativeStructure[] p, GmmData data) {
        int d = data.dimension();
        int k = data.components();
        double[][] points = data.points();
        int n = points.length;
        int icfSize = d + d * (d - 1) / 2;
        int means = k;
        int icf = k + k * d;
        DerivativeStructure zero = DerivativeStructures.constant(p[0], 0);

        DerivativeStructure[] sumQs = new DerivativeStructure[k];
        DerivativeStructure[] diagonals = new DerivativeStructure[k * d];
        for (int c = 0; c < k; c++) {
            sumQs[c] = zero;
            for (int j = 0; j < d; j++) {
                DerivativeStructure q = p[icf + c * icfSize + j];
                sumQs[c] = sumQs[c].add(q);
                diagonals[c * d + j] = q.exp();
            }
        }

        DerivativeStructure[] centered = new DerivativeStructure[d];
        DerivativeStructure[] transformed = new DerivativeStructure[d];
        DerivativeStructure[] mainTerms = new DerivativeStructure[k];
        DerivativeStructure sumLogSumExp = zero;
        for (double[] x : points) {
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < d; j++) {
                    centered[j] = p[means + c * d + j].negate().add(x[j]);
                }
                for (int i = 0; i < d; i++) {
                    transformed[i] = diagonals[c * d + i].multiply(centered[i]);
                }
                int l = icf + c * icfSize + d;
                for (int i = 0; i < d; i++) {
                    for (int j = i + 1; j < d; j++) {
                        transformed[j] = transformed[j].add(p[l].multiply(centered[i]));
                        l++;
                    }
                }
                DerivativeStructure squaredNorm = zero;
                for (DerivativeStructure e : transformed) {
                    squaredNorm = squaredNorm.add(e.multiply(e));
                }
                mainTerms[c] = p[c].add(sumQs[c]).subtract(squaredNorm.multiply(0.5));
            }
            sumLogSumExp = sumLogSumExp.add(logSumExp(mainTerms, 0, k));
        }

        double constant = -n * d * 0.5 * Math.log(2 * Math.PI);
        return sumLogSumExp.add(constant).subtract(logSumExp(p, 0, k).multiply(n))
                .add(logWishartPrior(p, icf, sumQs, diagonals, data));
    }

    /** Shifted by the maximum's value: a constant shift does not change the derivative. */
    private static DerivativeStructure logSumExp(DerivativeStructure[] v, int offset, int length) {
        double max = v[offset].getValue();
        for (int i = offset + 1; i < offset + length; i++) {
            max = Math.max(max, v[i].getValue());
        }
        DerivativeStructure sum = DerivativeStructures.constant(v[offset], 0);
        for (int i = offset; i < offset + length; i++) {
            sum = sum.add(v[i].subtract(max).exp());
        }
        return sum.log().add(max);
    }

    private static DerivativeStructure logWishartPrior(DerivativeStructure[] p, int icf, DerivativeStructure[] sumQs,
                                                       DerivativeStructure[] diagonals, GmmData data) {
        int d = data.dimension();
        int k = data.components();
        int icfSize = d + d * (d - 1) / 2;
        double gamma = data.wishartGamma();
        int m = data.wishartM();
        int nPrime = d + m + 1;
        double c = nPrime * d * (Math.log(gamma) - 0.5 * Math.log(2)) - LogGamma.multivariate(0.5 * nPrime, d);

        DerivativeStructure prior = DerivativeStructures.constant(p[0], 0);
        for (int component = 0; component < k; component++) {
            DerivativeStructure frobenius = DerivativeStructures.constant(p[0], 0);
            for (int j = 0; j < d; j++) {
                DerivativeStructure q = diagonals[component * d + j];
                frobenius = frobenius.add(q.multiply(q));
            }
            for (int j = d; j < icfSize; j++) {
                DerivativeStructure l = p[icf + component * icfSize + j];
                frobenius = frobenius.add(l.multiply(l));
            }
            prior = prior.add(frobenius.multiply(0.5 * gamma * gamma)).subtract(sumQs[component].multiply(m));
        }
        return prior.subtract(k * c);
    }
}
