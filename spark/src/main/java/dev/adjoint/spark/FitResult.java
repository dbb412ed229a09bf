package dev.adjoint.spark;

/**
 * What a {@link SparkFit} found.
 *
 * @param parameters the parameters after the last step
 * @param losses     the objective at the start of each iteration, in order
 */
public record FitResult(double[] parameters, double[] losses) {
}
