package dev.adjoint.examples.trebuchet;

import java.util.Random;

/**
 * A task for the controller: hit a target at a distance, in a wind.
 *
 * @param target the target's distance from the pivot, metres
 * @param wind   the wind's horizontal speed, metres per second, positive when it blows towards the target
 */
public record Shot(double target, double wind) {

    /** The nearest target trained on, metres. */
    public static final double NEAREST = 20;
    /** The farthest target trained on, metres. */
    public static final double FARTHEST = 100;
    /** The strongest wind trained on, either way, metres per second. */
    public static final double STRONGEST_WIND = 5;

    /**
     * @param random the source
     * @return a target and a wind drawn uniformly from the trained ranges
     */
    public static Shot random(Random random) {
        return new Shot(NEAREST + (FARTHEST - NEAREST) * random.nextDouble(),
                STRONGEST_WIND * (2 * random.nextDouble() - 1));
    }

    /**
     * @param count  the number of shots
     * @param random the source
     * @return that many random shots
     */
    public static Shot[] random(int count, Random random) {
        Shot[] shots = new Shot[count];
        for (int i = 0; i < count; i++) {
            shots[i] = random(random);
        }
        return shots;
    }
}
