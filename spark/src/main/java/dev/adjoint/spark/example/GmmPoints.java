package dev.adjoint.spark.example;

import java.util.Random;

import dev.adjoint.examples.adbench.Gmm;

/**
 * The example's data and model: points from a few well-separated Gaussian clusters, generated block by block from
 * a seed (so Spark's executors and a single JVM produce the same points without shipping them), and ADBench's GMM
 * as a sum over blocks plus its Wishart prior.
 */
public final class GmmPoints {

    /** The Wishart prior's γ. */
    public static final double GAMMA = 1.0;
    /** The Wishart prior's m. */
    public static final int M = 0;

    private GmmPoints() {
    }

    /**
     * Block {@code index} of the data: {@code size} points of dimension {@code d}, each from one of {@code k}
     * clusters whose centres lie 3 apart on the diagonal.
     *
     * @param seed  the data set's seed
     * @param index the block's number
     * @param size  points in the block
     * @param d     the dimension
     * @param k     the number of clusters
     * @return the points, one row each
     */
    public static double[][] block(long seed, int index, int size, int d, int k) {
        Random random = new Random(seed * 1_000_003L + index);
        double[][] points = new double[size][d];
        for (double[] x : points) {
            int cluster = random.nextInt(k);
            for (int j = 0; j < d; j++) {
                x[j] = 3.0 * (cluster - (k - 1) / 2.0) + random.nextGaussian();
            }
        }
        return points;
    }

    /**
     * Starting parameters: equal weights, means drawn near the origin, identity covariances.
     *
     * @param seed the seed
     * @param d    the dimension
     * @param k    the number of components
     * @return α, μ, icf as {@link Gmm#objective} reads them
     */
    public static double[] start(long seed, int d, int k) {
        Random random = new Random(seed);
        double[] p = new double[Gmm.parameterCount(d, k)];
        for (int i = k; i < k + k * d; i++) {
            p[i] = random.nextGaussian();
        }
        return p;
    }

    /**
     * The negative log-likelihood of one block: the part of the objective each executor differentiates.
     *
     * @param parameters the mixture
     * @param block      points, one row each
     * @param k          the number of components
     * @return −log-likelihood of the block
     */
    public static double negativeLogLikelihood(double[] parameters, double[][] block, int k) {
        return -Gmm.logLikelihood(parameters, block, block[0].length, k);
    }

    /**
     * The prior on the inverse covariances, added on the driver.
     *
     * @param parameters the mixture
     * @param d          the dimension
     * @param k          the number of components
     * @return ADBench's Wishart prior term
     */
    public static double prior(double[] parameters, int d, int k) {
        return Gmm.logWishartPrior(parameters, d, k, GAMMA, M);
    }
}
