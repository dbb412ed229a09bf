package dev.adjoint.examples.trebuchet;

/**
 * The projectile's flight from release to the ground: gravity and quadratic air drag against the air, which moves
 * horizontally with the wind, {@code a = −g ŷ − k |v − w| (v − w)} with {@code k = ρ C_d A / 2m}. Integrated by
 * semi-implicit Euler; the step that passes below the ground is cut where the path crosses it.
 */
public final class Flight {

    private static final double AIR_DENSITY = 1.2;
    private static final double DRAG_COEFFICIENT = 0.47;
    private static final double TIME_STEP = 0.005;
    private static final double LONGEST_FLIGHT = 60;

    private final double drag;

    /**
     * @param radius the projectile's radius, metres
     * @param mass   the projectile's mass, kilograms
     */
    public Flight(double radius, double mass) {
        this.drag = AIR_DENSITY * DRAG_COEFFICIENT * Math.PI * radius * radius / (2 * mass);
    }

    /**
     * @param release the projectile as it leaves the arm
     * @param wind    the wind's horizontal speed, metres per second, positive when it blows forward
     * @return the horizontal position where the projectile lands, metres from the pivot
     */
    public double landing(Release release, double wind) {
        double x = release.x();
        double y = release.y();
        double vx = release.vx();
        double vy = release.vy();
        double time = 0;
        while (time < LONGEST_FLIGHT) {
            double airX = vx - wind;
            double airSpeed = Math.sqrt(airX * airX + vy * vy);
            double nextVx = vx - TIME_STEP * drag * airSpeed * airX;
            double nextVy = vy - TIME_STEP * (Trebuchet.GRAVITY + drag * airSpeed * vy);
            double nextX = x + TIME_STEP * nextVx;
            double nextY = y + TIME_STEP * nextVy;
            if (nextY < 0) {
                return x + (nextX - x) * y / (y - nextY);
            }
            x = nextX;
            y = nextY;
            vx = nextVx;
            vy = nextVy;
            time += TIME_STEP;
        }
        throw new IllegalStateException("the projectile is still flying after " + LONGEST_FLIGHT + " s");
    }
}
