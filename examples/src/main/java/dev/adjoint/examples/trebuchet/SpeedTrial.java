package dev.adjoint.examples.trebuchet;

import java.io.PrintStream;

/**
 * The paper's claim about the neural trebuchet, measured: a trained network aims in constant time, much faster than
 * optimising the controls through the simulator for each shot. Both ways aim the same test shots to the same miss
 * distance (the network's mean miss on them); the network's time per shot is its forward pass, the direct way's is
 * its gradient descent until the shot lands within that distance.
 */
public final class SpeedTrial {

    /** The network's forward pass takes about a microsecond: each shot's is timed over this many repetitions. */
    private static final int REPEATS = 20_000;
    private static final int MAX_DIRECT_STEPS = 100;

    private final Range range;

    /**
     * What was measured.
     *
     * @param shots          the number of test shots
     * @param tolerance      the miss distance both ways had to reach, metres
     * @param networkMiss    the network's mean absolute miss, metres
     * @param directMiss     the direct way's mean absolute miss, metres
     * @param networkSeconds the network's mean time per shot
     * @param directSeconds  the direct way's mean time per shot
     * @param simulations    the direct way's mean number of differentiated simulations per shot
     */
    public record Outcome(int shots, double tolerance, double networkMiss, double directMiss, double networkSeconds,
                          double directSeconds, double simulations) {

        /** @return how many times faster the network aims */
        public double speedUp() {
            return directSeconds / networkSeconds;
        }
    }

    /**
     * @param range the simulator
     */
    public SpeedTrial(Range range) {
        this.range = range;
    }

    /**
     * Aims every shot both ways and prints a line per shot, then the times and their ratio.
     *
     * @param controller the trained network
     * @param shots      the test shots
     * @param warmUp     shots aimed the direct way before timing, so that generating the derivative code and
     *                   compiling it are not counted
     * @param out        where to print
     * @return the measurements
     */
    public Outcome run(Controller controller, Shot[] shots, Shot[] warmUp, PrintStream out) {
        double[] networkMiss = new double[shots.length];
        double tolerance = 0;
        for (int i = 0; i < shots.length; i++) {
            Shot shot = shots[i];
            networkMiss[i] = range.landing(controller.aim(shot.target(), shot.wind()), shot.wind()) - shot.target();
            tolerance += Math.abs(networkMiss[i]) / shots.length;
        }
        DirectAim direct = new DirectAim(range, MAX_DIRECT_STEPS);
        for (Shot shot : warmUp) {
            direct.aim(shot, tolerance);
        }
        out.printf("aiming %d test shots both ways, each to within %.2f m (the network's mean miss):%n",
                shots.length, tolerance);
        out.println("   target    wind  | network: miss      time | direct: miss  sims       time");
        double networkTotal = 0;
        double directTotal = 0;
        double directMiss = 0;
        int simulations = 0;
        double sink = 0;
        for (int i = 0; i < shots.length; i++) {
            Shot shot = shots[i];
            long started = System.nanoTime();
            for (int r = 0; r < REPEATS; r++) {
                sink += controller.aim(shot.target(), shot.wind()).counterweight();
            }
            double network = (System.nanoTime() - started) / 1e9 / REPEATS;
            started = System.nanoTime();
            DirectAim.Result found = direct.aim(shot, tolerance);
            double seconds = (System.nanoTime() - started) / 1e9;
            networkTotal += network;
            directTotal += seconds;
            directMiss += Math.abs(found.miss()) / shots.length;
            simulations += found.simulations();
            out.printf("  %6.1f m  %+4.1f m/s | %+7.2f m  %7.2f µs | %+6.2f m  %4d  %7.2f ms%n", shot.target(),
                    shot.wind(), networkMiss[i], network * 1e6, found.miss(), found.simulations(), seconds * 1e3);
        }
        if (sink == 42) {
            out.println(); // keeps the timed forward passes from being optimised away
        }
        Outcome outcome = new Outcome(shots.length, tolerance, tolerance, directMiss, networkTotal / shots.length,
                directTotal / shots.length, (double) simulations / shots.length);
        out.printf("per shot: network %.2f µs (mean miss %.2f m), direct %.2f ms (mean miss %.2f m, %.1f"
                        + " differentiated simulations)%n", outcome.networkSeconds() * 1e6, outcome.networkMiss(),
                outcome.directSeconds() * 1e3, outcome.directMiss(), outcome.simulations());
        out.printf("speed-up: the trained network aims %,.0f times faster than gradient descent through the"
                + " simulator, shot by shot (the paper reports about 100 times)%n", outcome.speedUp());
        return outcome;
    }
}
