package dev.adjoint.spark;

/**
 * Adam (Kingma and Ba, 2015) on the driver: each step moves the parameters against a bias-corrected running mean
 * of the gradient, scaled by the running mean of its square.
 */
public final class Adam {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final double learningRate;
    private double[] firstMoment;
    private double[] secondMoment;
    private int steps;

    /**
     * @param learningRate the step size, positive
     */
    public Adam(double learningRate) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        this.learningRate = learningRate;
    }

    /**
     * One step: updates {@code parameters} in place.
     *
     * @param parameters the parameters
     * @param gradient   the objective's gradient at them
     */
    public void step(double[] parameters, double[] gradient) {
        if (firstMoment == null) {
            firstMoment = new double[parameters.length];
            secondMoment = new double[parameters.length];
        }
        steps++;
        double correction1 = 1 - Math.pow(BETA1, steps);
        double correction2 = 1 - Math.pow(BETA2, steps);
        for (int i = 0; i < parameters.length; i++) {
            double g = gradient[i];
            firstMoment[i] = BETA1 * firstMoment[i] + (1 - BETA1) * g;
            secondMoment[i] = BETA2 * secondMoment[i] + (1 - BETA2) * g * g;
            parameters[i] -= learningRate * (firstMoment[i] / correction1)
                    / (Math.sqrt(secondMoment[i] / correction2) + EPSILON);
        }
    }
}
