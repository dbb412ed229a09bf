package dev.adjoint.spark;

/** Told after every iteration of a {@link SparkFit}. */
@FunctionalInterface
public interface FitProgress {

    /**
     * @param iteration    1, 2, …
     * @param loss         the objective at the parameters the iteration started from
     * @param gradientNorm the Euclidean norm of its gradient
     * @param seconds      the wall time of the iteration (one Spark job and the optimizer step)
     */
    void iteration(int iteration, double loss, double gradientNorm, double seconds);

    /** @return a progress report that prints one line per iteration to standard error */
    static FitProgress printing() {
        return (iteration, loss, gradientNorm, seconds) -> System.err.printf(
                "iteration %d: loss %.6g, |gradient| %.3g, %.2f s%n", iteration, loss, gradientNorm, seconds);
    }

    /** @return a progress report that says nothing */
    static FitProgress silent() {
        return (iteration, loss, gradientNorm, seconds) -> { };
    }
}
