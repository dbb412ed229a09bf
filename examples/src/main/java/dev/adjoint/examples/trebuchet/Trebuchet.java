package dev.adjoint.examples.trebuchet;

/**
 * A counterweight trebuchet without a sling: a rigid beam on a pivot, the counterweight at the end of its short
 * arm, the projectile at the end of its long arm. The beam starts cocked, long arm down behind the pivot; the
 * falling counterweight swings it over, and the projectile flies off along the tangent of its circle when the arm
 * reaches the release angle.
 *
 * <p>The swing is the one-degree-of-freedom pendulum {@code I θ'' = −g cos θ (m b + m_beam (b − a)/2 − M a)},
 * {@code θ} the long arm's angle from the forward horizontal, integrated by semi-implicit Euler in small steps.
 * The step that crosses the release angle is cut by linear interpolation, so the release point depends smoothly on
 * the counterweight and the angle even though the number of steps does not.
 */
public final class Trebuchet {

    static final double GRAVITY = 9.81;

    /** The cocked position: long arm 0.6 rad below the backward horizontal. */
    static final double START_ANGLE = Math.PI + 0.6;

    private static final double TIME_STEP = 0.002;
    private static final double LONGEST_SWING = 10;

    private final double shortArm;
    private final double longArm;
    private final double pivotHeight;
    private final double projectileMass;
    private final double beamMass;

    /**
     * @param shortArm       pivot to counterweight, metres
     * @param longArm        pivot to projectile, metres
     * @param pivotHeight    the pivot's height above the ground, metres
     * @param projectileMass kilograms
     * @param beamMass       the beam's mass, spread evenly along it, kilograms
     */
    public Trebuchet(double shortArm, double longArm, double pivotHeight, double projectileMass, double beamMass) {
        if (pivotHeight <= longArm * Math.sin(START_ANGLE - Math.PI)) {
            throw new IllegalArgumentException("the cocked arm would reach into the ground");
        }
        this.shortArm = shortArm;
        this.longArm = longArm;
        this.pivotHeight = pivotHeight;
        this.projectileMass = projectileMass;
        this.beamMass = beamMass;
    }

    /** @return a mid-sized machine: arms of 1 m and 5 m on a 4 m pivot, a 2 kg stone, a 10 kg beam */
    public static Trebuchet standard() {
        return new Trebuchet(1.0, 5.0, 4.0, 2.0, 10.0);
    }

    /** @return the projectile's mass, kilograms */
    public double projectileMass() {
        return projectileMass;
    }

    /**
     * Swings the arm from the cocked position until it reaches the release angle.
     *
     * @param counterweight the counterweight's mass, kilograms; it must outweigh the long arm
     * @param releaseAngle  the long arm's angle at release, between π/2 (upright: a flat shot) and the start
     * @return where and how fast the projectile leaves the arm
     */
    public Release release(double counterweight, double releaseAngle) {
        double a = shortArm;
        double b = longArm;
        double beamInertia = beamMass * ((a + b) * (a + b) / 12 + (b - a) * (b - a) / 4);
        double inertia = projectileMass * b * b + counterweight * a * a + beamInertia;
        double imbalance = projectileMass * b + beamMass * (b - a) / 2 - counterweight * a;
        if (imbalance >= 0) {
            throw new IllegalArgumentException("a counterweight of " + counterweight + " kg cannot lift the arm");
        }

        double angle = START_ANGLE;
        double rate = 0;
        double time = 0;
        while (time < LONGEST_SWING) {
            double acceleration = -GRAVITY * Math.cos(angle) * imbalance / inertia;
            double nextRate = rate + TIME_STEP * acceleration;
            double nextAngle = angle + TIME_STEP * nextRate;
            if (nextAngle <= releaseAngle) {
                // the fraction of this step before the release angle
                double f = (releaseAngle - angle) / (nextAngle - angle);
                rate += f * (nextRate - rate);
                time += f * TIME_STEP;
                angle = releaseAngle;
                break;
            }
            angle = nextAngle;
            rate = nextRate;
            time += TIME_STEP;
        }
        double x = b * Math.cos(angle);
        double y = pivotHeight + b * Math.sin(angle);
        return new Release(x, y, -b * rate * Math.sin(angle), b * rate * Math.cos(angle), time);
    }
}
