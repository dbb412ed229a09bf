package dev.adjoint.examples.lstm;

/** The cross-entropy of predicted probabilities against the classes that occurred, as Flux's {@code crossentropy}. */
public final class CrossEntropy {

    private CrossEntropy() {
    }

    /**
     * @param probabilities a batch of probability vectors
     * @param targets       the class that occurred, for each vector of the batch
     * @return {@code −(1/batch) Σ_b log probabilities[b][targets[b]]}, in nats
     */
    public static double mean(double[] probabilities, int[] targets) {
        int n = probabilities.length / targets.length;
        double sum = 0;
        for (int b = 0; b < targets.length; b++) {
            sum -= Math.log(probabilities[b * n + targets[b]]);
        }
        return sum / targets.length;
    }
}
