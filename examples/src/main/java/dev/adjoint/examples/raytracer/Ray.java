package dev.adjoint.examples.raytracer;

/**
 * A half-line {@code origin + t · direction}, {@code t > 0}.
 *
 * @param origin    where it starts
 * @param direction a unit vector
 */
public record Ray(Vec3 origin, Vec3 direction) {

    /** @return the point at parameter {@code t} */
    public Vec3 at(double t) {
        return origin.plus(direction.times(t));
    }
}
