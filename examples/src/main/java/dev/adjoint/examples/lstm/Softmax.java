package dev.adjoint.examples.lstm;

/** Each vector of the batch turned into probabilities, {@code exp(x_k) / Σ exp(x_j)}, as Flux's {@code softmax}. */
public final class Softmax implements Layer {

    @Override
    public double[] apply(double[] x, int batch) {
        int n = x.length / batch;
        double[] p = new double[x.length];
        for (int b = 0; b < batch; b++) {
            int start = b * n;
            // shifted by the largest value, so that exp cannot overflow; the shift cancels in the quotient
            double max = x[start];
            for (int k = 1; k < n; k++) {
                max = Math.max(max, x[start + k]);
            }
            double sum = 0;
            for (int k = 0; k < n; k++) {
                double e = Math.exp(x[start + k] - max);
                p[start + k] = e;
                sum += e;
            }
            for (int k = 0; k < n; k++) {
                p[start + k] /= sum;
            }
        }
        return p;
    }
}
