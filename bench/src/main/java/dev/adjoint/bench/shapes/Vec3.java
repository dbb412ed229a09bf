package dev.adjoint.bench.shapes;

/**
 * A 3-vector as a physics step or a ray tracer writes it: immutable, every operation a new record.
 *
 * @param x the first coordinate
 * @param y the second coordinate
 * @param z the third coordinate
 */
public record Vec3(double x, double y, double z) {

    Vec3 plus(Vec3 o) {
        return new Vec3(x + o.x, y + o.y, z + o.z);
    }

    Vec3 minus(Vec3 o) {
        return new Vec3(x - o.x, y - o.y, z - o.z);
    }

    Vec3 times(double s) {
        return new Vec3(x * s, y * s, z * s);
    }

    double dot(Vec3 o) {
        return x * o.x + y * o.y + z * o.z;
    }
}
