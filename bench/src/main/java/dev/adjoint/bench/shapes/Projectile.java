package dev.adjoint.bench.shapes;

/**
 * A projectile under gravity and quadratic air drag, integrated by explicit Euler steps on {@link Vec3} records:
 * each step builds seven short-lived records.
 */
public final class Projectile {

    /** Euler steps per flight. */
    public static final int STEPS = 10_000;
    private static final double DT = 1e-3;
    private static final Vec3 GRAVITY = new Vec3(0, 0, -9.81);

    private Projectile() {
    }

    /**
     * @param drag the drag coefficient per unit mass
     * @return the squared distance from the origin after {@link #STEPS} steps of {@code DT}
     */
    public static double flight(double drag) {
        Vec3 position = new Vec3(0, 0, 1);
        Vec3 velocity = new Vec3(12, 3, 9);
        for (int i = 0; i < STEPS; i++) {
            double speed = Math.sqrt(velocity.dot(velocity));
            Vec3 acceleration = GRAVITY.minus(velocity.times(drag * speed));
            velocity = velocity.plus(acceleration.times(DT));
            position = position.plus(velocity.times(DT));
        }
        return position.dot(position);
    }
}
