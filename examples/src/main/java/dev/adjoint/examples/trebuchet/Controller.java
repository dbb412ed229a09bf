package dev.adjoint.examples.trebuchet;

import java.util.List;
import java.util.Random;

/**
 * The neural network that aims the trebuchet: 2 → 16 → 2 with a tanh hidden layer, from (target distance, wind)
 * to (counterweight, release angle). Its outputs are squashed by logistic functions into the ranges the machine
 * can use, so that no control it proposes is impossible.
 */
public final class Controller {

    static final int HIDDEN = 16;

    static final double LIGHTEST = 40;
    static final double HEAVIEST = 800;
    static final double FLATTEST = Math.PI / 2 + 0.1;
    static final double STEEPEST = Math.PI - 0.1;

    /** {@code W1[i][j]} is {@code w1[2 * i + j]}. */
    final double[] w1 = new double[HIDDEN * 2];
    final double[] b1 = new double[HIDDEN];
    /** {@code W2[k][i]} is {@code w2[HIDDEN * k + i]}. */
    final double[] w2 = new double[2 * HIDDEN];
    final double[] b2 = new double[2];

    /**
     * @param random the source of the initial weights (Glorot-uniform)
     */
    public Controller(Random random) {
        double s1 = Math.sqrt(6.0 / (2 + HIDDEN));
        double s2 = Math.sqrt(6.0 / (HIDDEN + 2));
        for (int k = 0; k < w1.length; k++) {
            w1[k] = s1 * (2 * random.nextDouble() - 1);
        }
        for (int k = 0; k < w2.length; k++) {
            w2[k] = s2 * (2 * random.nextDouble() - 1);
        }
    }

    /**
     * @param target the target's distance, metres
     * @param wind   the wind, metres per second
     * @return the controls for that shot
     */
    public Aim aim(double target, double wind) {
        double[] input = {target / Shot.FARTHEST, wind / Shot.STRONGEST_WIND};
        double[] hidden = new double[HIDDEN];
        for (int i = 0; i < HIDDEN; i++) {
            hidden[i] = Math.tanh(w1[2 * i] * input[0] + w1[2 * i + 1] * input[1] + b1[i]);
        }
        double[] output = new double[2];
        for (int k = 0; k < 2; k++) {
            double sum = b2[k];
            for (int i = 0; i < HIDDEN; i++) {
                sum += w2[HIDDEN * k + i] * hidden[i];
            }
            output[k] = sum;
        }
        double counterweight = LIGHTEST + (HEAVIEST - LIGHTEST) * logistic(output[0]);
        double releaseAngle = FLATTEST + (STEEPEST - FLATTEST) * logistic(output[1]);
        return new Aim(counterweight, releaseAngle);
    }

    /** @return the parameter arrays; on a gradient, the matching adjoints */
    public List<double[]> parameters() {
        return List.of(w1, b1, w2, b2);
    }

    private static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
