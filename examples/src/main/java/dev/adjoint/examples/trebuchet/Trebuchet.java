package dev.adjoint.examples.trebuchet;

/**
 * A counterweight trebuchet with a sling, simulated as the ODE of the machine. A rigid beam turns on a pivot; the
 * counterweight hangs fixed at the end of its short arm; a sling of fixed length hangs from the end of its long arm
 * with the projectile in its pouch. The beam starts cocked, long arm down behind the pivot and the sling hanging
 * straight down; the falling counterweight swings the beam over, the beam whips the sling round, and the projectile
 * flies free when the long arm reaches the release angle.
 *
 * <p>Two degrees of freedom: {@code θ}, the long arm's angle from the forward horizontal, and {@code φ}, the sling's
 * angle from the forward horizontal. With the pivot at height {@code H}, arms {@code a} (counterweight {@code M})
 * and {@code b}, sling {@code L}, projectile {@code m}, beam mass {@code m_b} (centre {@code c = (b − a)/2} along
 * the long arm, inertia {@code I_b} about the pivot), the Lagrangian
 * <pre>
 * T = ½ (M a² + I_b) θ'² + ½ m (b² θ'² + L² φ'² + 2 b L θ' φ' cos(θ − φ))
 * V = g (m_b c − M a) sin θ + m g (b sin θ + L sin φ)
 * </pre>
 * gives the equations of motion
 * <pre>
 * (M a² + I_b + m b²) θ'' + m b L cos(θ − φ) φ'' = −m b L sin(θ − φ) φ'² − g (m_b c − M a + m b) cos θ
 * m b L cos(θ − φ) θ''   + m L² φ''              =  m b L sin(θ − φ) θ'² − m g L cos φ
 * </pre>
 * solved for the accelerations at each stage of a classical fourth-order Runge–Kutta step of fixed size. The step
 * that carries the arm past the release angle is cut by linear interpolation, so that the release depends smoothly
 * on the counterweight and the angle even though the number of steps does not.
 */
public final class Trebuchet {

    static final double GRAVITY = 9.81;

    /** The cocked beam: long arm 0.5 rad below the backward horizontal. */
    static final double START_ANGLE = Math.PI + 0.5;

    /** The sling at rest: hanging straight down. */
    static final double START_SLING = -Math.PI / 2;

    private static final double TIME_STEP = 0.004;
    private static final double LONGEST_SWING = 10;

    private final double shortArm;
    private final double longArm;
    private final double sling;
    private final double pivotHeight;
    private final double projectileMass;
    private final double beamMass;
    private final double beamInertia;

    /**
     * @param shortArm       pivot to counterweight, metres
     * @param longArm        pivot to the sling's end, metres
     * @param sling          the sling's length, metres
     * @param pivotHeight    the pivot's height above the ground, metres
     * @param projectileMass kilograms
     * @param beamMass       the beam's mass, spread evenly along it, kilograms
     */
    public Trebuchet(double shortArm, double longArm, double sling, double pivotHeight, double projectileMass,
                     double beamMass) {
        if (!(shortArm > 0 && longArm > 0 && sling > 0 && projectileMass > 0 && beamMass >= 0)) {
            throw new IllegalArgumentException("arms, sling and projectile mass must be positive, the beam's mass"
                    + " at least 0");
        }
        if (pivotHeight + longArm * Math.sin(START_ANGLE) - sling < 0) {
            throw new IllegalArgumentException("the cocked arm would hang the projectile below the ground");
        }
        this.shortArm = shortArm;
        this.longArm = longArm;
        this.sling = sling;
        this.pivotHeight = pivotHeight;
        this.projectileMass = projectileMass;
        this.beamMass = beamMass;
        double length = shortArm + longArm;
        double centre = (longArm - shortArm) / 2;
        this.beamInertia = beamMass * (length * length / 12 + centre * centre);
    }

    /** @return a mid-sized machine: arms of 1 m and 4 m on a 4 m pivot, a 2 m sling, a 2 kg stone, a 10 kg beam */
    public static Trebuchet standard() {
        return new Trebuchet(1.0, 4.0, 2.0, 4.0, 2.0, 10.0);
    }

    /** @return the projectile's mass, kilograms */
    public double projectileMass() {
        return projectileMass;
    }

    /**
     * Swings the machine from the cocked position until the long arm reaches the release angle.
     *
     * @param counterweight the counterweight's mass, kilograms; it must outweigh the long arm and the projectile
     * @param releaseAngle  the long arm's angle at release, radians from the forward horizontal, below the start
     * @return the machine's state at release
     */
    public Swing swing(double counterweight, double releaseAngle) {
        double imbalance = beamMass * (longArm - shortArm) / 2 - counterweight * shortArm
                + projectileMass * longArm;
        if (!(imbalance < 0)) {
            throw new IllegalArgumentException("a counterweight of " + counterweight + " kg cannot lift the arm");
        }
        if (!(releaseAngle < START_ANGLE)) {
            throw new IllegalArgumentException("the release angle " + releaseAngle + " is not ahead of the start "
                    + START_ANGLE);
        }
        double h = TIME_STEP;
        double arm = START_ANGLE;
        double slingAngle = START_SLING;
        double armRate = 0;
        double slingRate = 0;
        double time = 0;
        while (time < LONGEST_SWING) {
            double k1a = armRate;
            double k1s = slingRate;
            double k1ar = armAcceleration(counterweight, arm, slingAngle, armRate, slingRate);
            double k1sr = slingAcceleration(counterweight, arm, slingAngle, armRate, slingRate);

            double a2 = arm + h / 2 * k1a;
            double s2 = slingAngle + h / 2 * k1s;
            double ar2 = armRate + h / 2 * k1ar;
            double sr2 = slingRate + h / 2 * k1sr;
            double k2ar = armAcceleration(counterweight, a2, s2, ar2, sr2);
            double k2sr = slingAcceleration(counterweight, a2, s2, ar2, sr2);

            double a3 = arm + h / 2 * ar2;
            double s3 = slingAngle + h / 2 * sr2;
            double ar3 = armRate + h / 2 * k2ar;
            double sr3 = slingRate + h / 2 * k2sr;
            double k3ar = armAcceleration(counterweight, a3, s3, ar3, sr3);
            double k3sr = slingAcceleration(counterweight, a3, s3, ar3, sr3);

            double a4 = arm + h * ar3;
            double s4 = slingAngle + h * sr3;
            double ar4 = armRate + h * k3ar;
            double sr4 = slingRate + h * k3sr;
            double k4ar = armAcceleration(counterweight, a4, s4, ar4, sr4);
            double k4sr = slingAcceleration(counterweight, a4, s4, ar4, sr4);

            double nextArm = arm + h / 6 * (k1a + 2 * ar2 + 2 * ar3 + ar4);
            double nextSling = slingAngle + h / 6 * (k1s + 2 * sr2 + 2 * sr3 + sr4);
            double nextArmRate = armRate + h / 6 * (k1ar + 2 * k2ar + 2 * k3ar + k4ar);
            double nextSlingRate = slingRate + h / 6 * (k1sr + 2 * k2sr + 2 * k3sr + k4sr);
            if (nextArm <= releaseAngle) {
                // the fraction of this step before the release angle
                double f = (releaseAngle - arm) / (nextArm - arm);
                return new Swing(releaseAngle, slingAngle + f * (nextSling - slingAngle),
                        armRate + f * (nextArmRate - armRate), slingRate + f * (nextSlingRate - slingRate),
                        time + f * h);
            }
            arm = nextArm;
            slingAngle = nextSling;
            armRate = nextArmRate;
            slingRate = nextSlingRate;
            time += h;
        }
        throw new IllegalStateException("the arm did not reach " + releaseAngle + " rad in " + LONGEST_SWING + " s");
    }

    /**
     * @param counterweight the counterweight's mass, kilograms
     * @param releaseAngle  the long arm's angle at release
     * @return where and how fast the projectile leaves the sling
     */
    public Release release(double counterweight, double releaseAngle) {
        return release(swing(counterweight, releaseAngle));
    }

    /**
     * @param s the machine's state
     * @return the projectile's position and velocity in that state
     */
    public Release release(Swing s) {
        double x = longArm * Math.cos(s.arm()) + sling * Math.cos(s.sling());
        double y = pivotHeight + longArm * Math.sin(s.arm()) + sling * Math.sin(s.sling());
        double vx = -longArm * s.armRate() * Math.sin(s.arm()) - sling * s.slingRate() * Math.sin(s.sling());
        double vy = longArm * s.armRate() * Math.cos(s.arm()) + sling * s.slingRate() * Math.cos(s.sling());
        return new Release(x, y, vx, vy, s.time());
    }

    /**
     * The machine's total energy, kinetic plus potential (zero at the pivot's height), for checking the integration:
     * the swing has no friction, so this stays what it was at the start.
     *
     * @param counterweight the counterweight's mass, kilograms
     * @param s             the machine's state
     * @return joules
     */
    public double energy(double counterweight, Swing s) {
        double m = projectileMass;
        double beam = counterweight * shortArm * shortArm + beamInertia;
        double kinetic = 0.5 * beam * s.armRate() * s.armRate() + 0.5 * m * (longArm * longArm * s.armRate()
                * s.armRate() + sling * sling * s.slingRate() * s.slingRate()
                + 2 * longArm * sling * s.armRate() * s.slingRate() * Math.cos(s.arm() - s.sling()));
        double potential = GRAVITY * (beamMass * (longArm - shortArm) / 2 - counterweight * shortArm)
                * Math.sin(s.arm()) + m * GRAVITY * (longArm * Math.sin(s.arm()) + sling * Math.sin(s.sling()));
        return kinetic + potential;
    }

    /** θ'' from the equations of motion, by Cramer's rule on the 2 × 2 mass matrix. */
    private double armAcceleration(double counterweight, double arm, double slingAngle, double armRate,
                                   double slingRate) {
        double m = projectileMass;
        double coupling = m * longArm * sling * Math.cos(arm - slingAngle);
        double twist = m * longArm * sling * Math.sin(arm - slingAngle);
        double a11 = counterweight * shortArm * shortArm + beamInertia + m * longArm * longArm;
        double a22 = m * sling * sling;
        double r1 = -twist * slingRate * slingRate - GRAVITY * (beamMass * (longArm - shortArm) / 2
                - counterweight * shortArm + m * longArm) * Math.cos(arm);
        double r2 = twist * armRate * armRate - m * GRAVITY * sling * Math.cos(slingAngle);
        return (r1 * a22 - coupling * r2) / (a11 * a22 - coupling * coupling);
    }

    /** φ'' from the equations of motion, by Cramer's rule on the 2 × 2 mass matrix. */
    private double slingAcceleration(double counterweight, double arm, double slingAngle, double armRate,
                                     double slingRate) {
        double m = projectileMass;
        double coupling = m * longArm * sling * Math.cos(arm - slingAngle);
        double twist = m * longArm * sling * Math.sin(arm - slingAngle);
        double a11 = counterweight * shortArm * shortArm + beamInertia + m * longArm * longArm;
        double a22 = m * sling * sling;
        double r1 = -twist * slingRate * slingRate - GRAVITY * (beamMass * (longArm - shortArm) / 2
                - counterweight * shortArm + m * longArm) * Math.cos(arm);
        double r2 = twist * armRate * armRate - m * GRAVITY * sling * Math.cos(slingAngle);
        return (a11 * r2 - coupling * r1) / (a11 * a22 - coupling * coupling);
    }
}
