package dev.adjoint.examples.adbench;

/**
 * The fixed part of a GMM instance: the data points and the Wishart prior. Immutable; the objective reads the
 * points in place, everyone else gets copies.
 */
public final class GmmData {

    final int dimension;
    final int components;
    final double[][] points;
    final double wishartGamma;
    final int wishartM;

    GmmData(int dimension, int components, double[][] points, double wishartGamma, int wishartM) {
        this.dimension = dimension;
        this.components = components;
        this.points = points;
        this.wishartGamma = wishartGamma;
        this.wishartM = wishartM;
    }

    /** @return d, the dimension of the points */
    public int dimension() {
        return dimension;
    }

    /** @return k, the number of mixture components */
    public int components() {
        return components;
    }

    /** @return n, the number of points */
    public int size() {
        return points.length;
    }

    /** @return a copy of the points, n rows of d */
    public double[][] points() {
        double[][] copy = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            copy[i] = points[i].clone();
        }
        return copy;
    }

    /** @return γ, the Wishart prior's scale */
    public double wishartGamma() {
        return wishartGamma;
    }

    /** @return m, the Wishart prior's degrees of freedom beyond d + 1 */
    public int wishartM() {
        return wishartM;
    }
}
