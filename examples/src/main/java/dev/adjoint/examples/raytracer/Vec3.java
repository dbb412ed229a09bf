package dev.adjoint.examples.raytracer;

/**
 * A point or direction in space, or an RGB colour; immutable, as in most small ray tracers.
 *
 * @param x the first component
 * @param y the second component (up, for points)
 * @param z the third component
 */
public record Vec3(double x, double y, double z) {

    /** The origin, black. */
    public static final Vec3 ZERO = new Vec3(0, 0, 0);

    /** @return {@code this + o} */
    public Vec3 plus(Vec3 o) {
        return new Vec3(x + o.x, y + o.y, z + o.z);
    }

    /** @return {@code this − o} */
    public Vec3 minus(Vec3 o) {
        return new Vec3(x - o.x, y - o.y, z - o.z);
    }

    /** @return {@code s · this} */
    public Vec3 times(double s) {
        return new Vec3(s * x, s * y, s * z);
    }

    /** @return the component-wise product, for filtering a colour */
    public Vec3 times(Vec3 o) {
        return new Vec3(x * o.x, y * o.y, z * o.z);
    }

    /** @return the dot product */
    public double dot(Vec3 o) {
        return x * o.x + y * o.y + z * o.z;
    }

    /** @return the cross product */
    public Vec3 cross(Vec3 o) {
        return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
    }

    /** @return the Euclidean length */
    public double length() {
        return Math.sqrt(dot(this));
    }

    /** @return the unit vector in this direction */
    public Vec3 normalized() {
        return times(1 / length());
    }
}
