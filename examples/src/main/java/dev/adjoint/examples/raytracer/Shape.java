package dev.adjoint.examples.raytracer;

/**
 * A surface of the scene.
 */
public interface Shape {

    /** Hits closer than this are the surface a ray starts on. */
    double EPSILON = 1e-6;

    /**
     * @param ray a ray
     * @return the smallest {@code t > EPSILON} where the ray meets the surface, or {@code +∞}
     */
    double distance(Ray ray);

    /**
     * @param point a point on the surface
     * @return the outward unit normal there
     */
    Vec3 normal(Vec3 point);

    /**
     * @param point a point on the surface
     * @return the fraction of each colour of light the surface reflects there
     */
    Vec3 albedo(Vec3 point);

    /**
     * How much of the light this shape blocks on the way from a point to the light, smoothed over a penumbra so
     * that the shadow's edge moves continuously with the light.
     *
     * @param point     the lit point
     * @param light     the light's position
     * @param penumbra  the width of the shadow's soft edge, in the units of the scene
     * @return 0 (no shadow) to 1 (full shadow)
     */
    double occlusion(Vec3 point, Vec3 light, double penumbra);
}
