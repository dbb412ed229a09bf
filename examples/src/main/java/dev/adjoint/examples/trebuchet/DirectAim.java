package dev.adjoint.examples.trebuchet;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.ValueAndGradient;

/**
 * Aims one shot the direct way, without the network: gradient descent on the trebuchet's two controls through the
 * simulator, until the projectile lands within a tolerance of the target. The controls are searched as the two
 * logits the network outputs (see {@link Controller#controls}), so they stay within what the machine can do.
 *
 * <p>Each step differentiates the miss {@code landing − target} with {@code AD.valueAndGradient} and moves the
 * logits along the gradient of ½ miss² by the step that would cancel the miss if it were linear in them,
 * {@code −miss · ∇miss / |∇miss|²} (a Gauss–Newton step), at most one unit long. With one target and two controls
 * this is the fastest gradient descent there is, which makes the comparison with the network fair to this side.
 */
public final class DirectAim {

    private static final double LONGEST_STEP = 1;

    private final Range range;
    private final int maxSteps;

    /**
     * The controls found for a shot.
     *
     * @param aim         the controls
     * @param miss        where the projectile lands with them, minus the target's distance, metres
     * @param simulations the number of differentiated simulations it took, the last one confirming the hit
     */
    public record Result(Aim aim, double miss, int simulations) {
    }

    /**
     * @param range    the simulator
     * @param maxSteps the most gradient steps to take on one shot
     */
    public DirectAim(Range range, int maxSteps) {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("at least one step, not " + maxSteps);
        }
        this.range = range;
        this.maxSteps = maxSteps;
    }

    /**
     * @param shot      the target and the wind
     * @param tolerance the largest acceptable miss, metres
     * @return the controls found and how well they hit; the last tried when the steps run out
     */
    public Result aim(Shot shot, double tolerance) {
        MultivariateFunction miss = logits -> range.landing(Controller.controls(logits[0], logits[1]), shot.wind())
                - shot.target();
        double[] logits = {0, 0};
        for (int simulation = 1; ; simulation++) {
            ValueAndGradient vg = AD.valueAndGradient(miss, logits);
            if (Math.abs(vg.value()) <= tolerance || simulation > maxSteps) {
                return new Result(Controller.controls(logits[0], logits[1]), vg.value(), simulation);
            }
            double[] g = vg.gradient();
            double squaredNorm = g[0] * g[0] + g[1] * g[1];
            double scale = vg.value() / squaredNorm;
            double length = Math.abs(scale) * Math.sqrt(squaredNorm);
            if (length > LONGEST_STEP) {
                scale *= LONGEST_STEP / length;
            }
            logits[0] -= scale * g[0];
            logits[1] -= scale * g[1];
        }
    }
}
