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

    /** The lightest counterweight, kilograms. */
    static final double LIGHTEST = 50;
    /** The heaviest counterweight, kilograms. */
    static final double HEAVIEST = 800;
    /** The latest release, radians: the arm nearly upright, a flat shot (about 15° above the horizontal). */
    static final double FLATTEST = 1.5;
    /** The earliest release, radians: the arm still well behind upright, a steep shot (about 70°). */
    static final double STEEPEST = 2.1;

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
        double[] input = {2 * (target - Shot.NEAREST) / (Shot.FARTHEST - Shot.NEAREST) - 1,
            wind / Shot.STRONGEST_WIND};
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
        return controls(output[0], output[1]);
    }

    /**
     * Squashes two unbounded numbers into controls the machine can use, as the network's outputs are; the direct
     * way of aiming searches over the same two numbers.
     *
     * @param weight the counterweight's logit: 0 is halfway between the lightest and the heaviest
     * @param angle  the release angle's logit: 0 is halfway between the flattest and the steepest
     * @return the controls
     */
    public static Aim controls(double weight, double angle) {
        return new Aim(LIGHTEST + (HEAVIEST - LIGHTEST) * logistic(weight),
                FLATTEST + (STEEPEST - FLATTEST) * logistic(angle));
    }

    /** @return the parameter arrays; on a gradient, the matching adjoints */
    public List<double[]> parameters() {
        return List.of(w1, b1, w2, b2);
    }

    private static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
