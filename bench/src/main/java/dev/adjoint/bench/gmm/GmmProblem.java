package dev.adjoint.bench.gmm;

import dev.adjoint.MultivariateFunction;
import dev.adjoint.examples.adbench.Gmm;
import dev.adjoint.examples.adbench.GmmData;
import dev.adjoint.examples.adbench.GmmInput;

/**
 * One ADBench GMM instance in the form each version takes it, and each version's objective as a function of the
 * parameters: the project's {@link Gmm}, {@link AdbenchGmm}, {@link GmmModel} and {@link HelperGmm}.
 */
public final class GmmProblem {

    private final double[] parameters;
    private final GmmData data;
    private final int d;
    private final int k;
    private final double[][] points;
    private final double[] flatPoints;
    private final double gamma;
    private final int m;

    private GmmProblem(GmmInput input) {
        this.parameters = input.parameters();
        this.data = input.data();
        this.d = data.dimension();
        this.k = data.components();
        this.points = data.points();
        this.flatPoints = new double[points.length * d];
        for (int i = 0; i < points.length; i++) {
            System.arraycopy(points[i], 0, flatPoints, i * d, d);
        }
        this.gamma = data.wishartGamma();
        this.m = data.wishartM();
    }

    /**
     * @param relative the instance's file in the data folder, for example {@link GmmInput#D10_K5}
     * @return the instance
     */
    public static GmmProblem load(String relative) {
        return new GmmProblem(GmmInput.load(relative));
    }

    /** @return a copy of the instance's parameters */
    public double[] parameters() {
        return parameters.clone();
    }

    /** @return the project's own objective */
    public MultivariateFunction project() {
        GmmData fixed = data;
        return p -> Gmm.objective(p, fixed);
    }

    /** @return the literal translation of ADBench's C++ */
    public MultivariateFunction adbench() {
        int dimension = d;
        int components = k;
        int n = points.length;
        double[] x = flatPoints;
        double g = gamma;
        int degrees = m;
        return p -> AdbenchGmm.gmmObjective(dimension, components, n, p, x, g, degrees);
    }

    /** @return the object-oriented version: a model built from the parameters, then its objective */
    public MultivariateFunction object() {
        int dimension = d;
        int components = k;
        double[][] x = points;
        double g = gamma;
        int degrees = m;
        return p -> new GmmModel(p, dimension, components).objective(x, g, degrees);
    }

    /** @return the version made of small static helpers */
    public MultivariateFunction helpers() {
        int dimension = d;
        int components = k;
        double[][] x = points;
        double g = gamma;
        int degrees = m;
        return p -> HelperGmm.objective(p, dimension, components, x, g, degrees);
    }
}
