package dev.adjoint.examples.trebuchet;

/**
 * The trebuchet's state during its swing.
 *
 * @param arm       the long arm's angle from the forward horizontal, radians
 * @param sling     the sling's angle from the forward horizontal, radians
 * @param armRate   the arm's angular velocity, radians per second
 * @param slingRate the sling's angular velocity, radians per second
 * @param time      the seconds since the swing began
 */
public record Swing(double arm, double sling, double armRate, double slingRate, double time) {
}
