package dev.adjoint.examples.trebuchet;

/**
 * The projectile at the moment the arm lets it go: position and velocity in metres and metres per second, {@code x}
 * forward from the pivot, {@code y} up from the ground.
 *
 * @param x  the horizontal position
 * @param y  the height
 * @param vx the horizontal velocity
 * @param vy the vertical velocity
 * @param time the seconds from the start of the swing
 */
public record Release(double x, double y, double vx, double vy, double time) {

    /** @return the release speed */
    public double speed() {
        return Math.hypot(vx, vy);
    }

    /** @return the launch angle above the horizontal, in degrees */
    public double angleDegrees() {
        return Math.toDegrees(Math.atan2(vy, vx));
    }
}
