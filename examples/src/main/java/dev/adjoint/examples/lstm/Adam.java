package dev.adjoint.examples.lstm;

import java.util.ArrayList;
import java.util.List;

/**
 * The Adam optimizer (Kingma and Ba 2015) over a list of parameter arrays, with the usual β₁ = 0.9, β₂ = 0.999,
 * ε = 1e-8, and the gradient rescaled first so that its global norm is at most a bound (Pascanu et al. 2013),
 * which keeps one long-range explosion in backpropagation through time from wrecking the weights. The trebuchet
 * and the ray tracer use it too.
 */
public final class Adam {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final double learningRate;
    private final double maxNorm;
    // package-private for Checkpoint, which saves and restores them
    final List<double[]> firstMoments = new ArrayList<>();
    final List<double[]> secondMoments = new ArrayList<>();
    int steps;

    /**
     * Adam as Flux's {@code ADAM(η)}: no clipping.
     *
     * @param learningRate the step size
     */
    public Adam(double learningRate) {
        this(learningRate, Double.POSITIVE_INFINITY);
    }

    /**
     * @param learningRate the step size
     * @param maxNorm      the bound on the gradient's global norm
     */
    public Adam(double learningRate, double maxNorm) {
        this.learningRate = learningRate;
        this.maxNorm = maxNorm;
    }

    /**
     * Updates the parameters in place.
     *
     * @param parameters the parameter arrays
     * @param gradients  the matching gradient arrays
     * @return the global norm of the gradient before clipping
     */
    public double step(List<double[]> parameters, List<double[]> gradients) {
        if (firstMoments.isEmpty()) {
            for (double[] p : parameters) {
                firstMoments.add(new double[p.length]);
                secondMoments.add(new double[p.length]);
            }
        }
        double norm = norm(gradients);
        double scale = norm > maxNorm ? maxNorm / norm : 1;
        steps++;
        double correction1 = 1 - Math.pow(BETA1, steps);
        double correction2 = 1 - Math.pow(BETA2, steps);
        for (int a = 0; a < parameters.size(); a++) {
            double[] p = parameters.get(a);
            double[] g = gradients.get(a);
            double[] m = firstMoments.get(a);
            double[] v = secondMoments.get(a);
            for (int k = 0; k < p.length; k++) {
                double gk = scale * g[k];
                m[k] = BETA1 * m[k] + (1 - BETA1) * gk;
                v[k] = BETA2 * v[k] + (1 - BETA2) * gk * gk;
                p[k] -= learningRate * (m[k] / correction1) / (Math.sqrt(v[k] / correction2) + EPSILON);
            }
        }
        return norm;
    }

    private static double norm(List<double[]> arrays) {
        double sum = 0;
        for (double[] a : arrays) {
            for (double x : a) {
                sum += x * x;
            }
        }
        return Math.sqrt(sum);
    }
}
