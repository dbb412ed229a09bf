package dev.adjoint.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import dev.adjoint.examples.adbench.Gmm;

/** The tests' data and model: ADBench's GMM (d = 10, K = 5) on points drawn from three clusters. */
final class GmmBlocks {

    static final int D = 10;
    static final int K = 5;
    static final double GAMMA = 1.0;
    static final int M = 0;

    private GmmBlocks() {
    }

    /** {@code n} points in {@code count} blocks of equal size. */
    static List<double[][]> blocks(int n, int count, long seed) {
        Random random = new Random(seed);
        double[][] points = new double[n][D];
        for (double[] x : points) {
            int cluster = random.nextInt(3);
            for (int j = 0; j < D; j++) {
                x[j] = 2.0 * cluster - 2.0 + random.nextGaussian();
            }
        }
        List<double[][]> blocks = new ArrayList<>();
        int size = n / count;
        for (int b = 0; b < count; b++) {
            blocks.add(Arrays.copyOfRange(points, b * size, (b + 1) * size));
        }
        return blocks;
    }

    static double[][] all(List<double[][]> blocks) {
        return blocks.stream().flatMap(Arrays::stream).toArray(double[][]::new);
    }

    static double[] start(long seed) {
        Random random = new Random(seed);
        double[] p = new double[Gmm.parameterCount(D, K)];
        for (int i = 0; i < p.length; i++) {
            p[i] = 0.1 * random.nextGaussian();
        }
        return p;
    }

    /** The negative log-likelihood of one block: the objective sums it over blocks. */
    static double loss(double[] parameters, double[][] block) {
        return -Gmm.logLikelihood(parameters, block, D, K);
    }

    /** The Wishart prior, computed on the driver. */
    static double prior(double[] parameters) {
        return Gmm.logWishartPrior(parameters, D, K, GAMMA, M);
    }

    /** The whole objective in one JVM: what the distributed one must equal. */
    static double objective(double[] parameters, double[][] points) {
        return loss(parameters, points) + prior(parameters);
    }
}
