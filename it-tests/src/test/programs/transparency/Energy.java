import dev.adjoint.MultivariateFunction;

/** A MultivariateFunction that the program evaluates itself, never through AD. */
enum Energy implements MultivariateFunction {
    INSTANCE;

    @Override
    public double apply(double[] x) {
        double e = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double d = x[i + 1] - x[i];
            e += 0.5 * d * d + Math.cos(x[i]);
        }
        return e;
    }
}
