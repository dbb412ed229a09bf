package dev.adjoint.examples.trebuchet;

/**
 * The shooting range: a trebuchet, its projectile's flight, and the loss the controller is trained on.
 */
public final class Range {

    private final Trebuchet trebuchet;
    private final Flight flight;

    /**
     * @param trebuchet the machine
     * @param flight    the projectile's flight
     */
    public Range(Trebuchet trebuchet, Flight flight) {
        this.trebuchet = trebuchet;
        this.flight = flight;
    }

    /** @return the standard trebuchet throwing an 8 cm stone of its projectile mass */
    public static Range standard() {
        Trebuchet t = Trebuchet.standard();
        return new Range(t, new Flight(0.08, t.projectileMass()));
    }

    /**
     * @param aim  the controls
     * @param wind the wind, metres per second
     * @return where the projectile lands, metres from the pivot
     */
    public double landing(Aim aim, double wind) {
        Release release = trebuchet.release(aim.counterweight(), aim.releaseAngle());
        return flight.landing(release, wind);
    }

    /**
     * @param aim the controls
     * @return where the projectile leaves the arm, and how fast
     */
    public Release release(Aim aim) {
        return trebuchet.release(aim.counterweight(), aim.releaseAngle());
    }

    /**
     * The training loss: the mean squared miss distance, in square metres, of the controller's shots.
     *
     * @param controller the network that aims
     * @param shots      the targets and winds
     * @return (1/n) Σ (landing − target)²
     */
    public double meanSquaredMiss(Controller controller, Shot[] shots) {
        double sum = 0;
        for (Shot shot : shots) {
            double miss = landing(controller.aim(shot.target(), shot.wind()), shot.wind()) - shot.target();
            sum += miss * miss;
        }
        return sum / shots.length;
    }

    /**
     * @param controller the network that aims
     * @param shots      the targets and winds
     * @return the mean absolute miss distance, metres
     */
    public double meanMiss(Controller controller, Shot[] shots) {
        double sum = 0;
        for (Shot shot : shots) {
            sum += Math.abs(landing(controller.aim(shot.target(), shot.wind()), shot.wind()) - shot.target());
        }
        return sum / shots.length;
    }
}
