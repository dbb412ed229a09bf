package dev.adjoint.examples.trebuchet;

/**
 * The two controls of a shot.
 *
 * @param counterweight the counterweight's mass, kilograms
 * @param releaseAngle  the long arm's angle at release, radians from the forward horizontal (π/2 is upright)
 */
public record Aim(double counterweight, double releaseAngle) {
}
