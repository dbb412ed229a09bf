package dev.adjoint.examples.adbench;

import java.nio.file.Path;

/**
 * A GMM instance as ADBench stores it: the parameters (α, μ, icf), flat in the gradient's layout, and the fixed
 * data. File format: {@code d k n}; k weights αₖ; k means of d; k rows of {@code d + d(d-1)/2} icf numbers; n points
 * of d; {@code γ m}.
 */
public final class GmmInput {

    /** ADBench's test instance, d = 2, k = 3, n = 1, with expected objective and gradient. */
    public static final String TEST = "adbench/gmm/test.txt";
    /** d = 2, k = 5, n = 1000. */
    public static final String D2_K5 = "adbench/gmm/1k/gmm_d2_K5.txt";
    /** d = 10, k = 5, n = 1000. */
    public static final String D10_K5 = "adbench/gmm/1k/gmm_d10_K5.txt";

    private final double[] parameters;
    private final GmmData data;

    private GmmInput(double[] parameters, GmmData data) {
        this.parameters = parameters;
        this.data = data;
    }

    /**
     * Reads an instance from the data folder ({@link DataPath}).
     *
     * @param relative the file inside the data folder, for example {@link #TEST}
     * @return the instance
     */
    public static GmmInput load(String relative) {
        return read(DataPath.resolve(relative));
    }

    /**
     * Reads an instance from a file.
     *
     * @param file an ADBench GMM file
     * @return the instance
     */
    public static GmmInput read(Path file) {
        NumberReader in = new NumberReader(file);
        int d = in.nextInt();
        int k = in.nextInt();
        int n = in.nextInt();
        double[] parameters = in.nextDoubles(Gmm.parameterCount(d, k));
        double[][] points = new double[n][];
        for (int i = 0; i < n; i++) {
            points[i] = in.nextDoubles(d);
        }
        double gamma = in.nextDouble();
        int m = in.nextInt();
        in.expectEnd();
        return new GmmInput(parameters, new GmmData(d, k, points, gamma, m));
    }

    /** @return a copy of the parameters: α (k), then μ (k·d), then icf (k·(d + d(d−1)/2)) */
    public double[] parameters() {
        return parameters.clone();
    }

    /** @return the points and the prior */
    public GmmData data() {
        return data;
    }
}
