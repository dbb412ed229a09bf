package dev.adjoint.examples.raytracer;

/**
 * Where a ray first meets the scene.
 *
 * @param point the point on the surface
 * @param shape the surface
 */
public record Hit(Vec3 point, Shape shape) {
}
