package dev.adjoint.examples.raytracer;

import java.util.List;

/**
 * What there is to see: shapes, lit by one point light whose brightness falls off softly with distance,
 * {@code I / (1 + d²/r²)}, plus a little ambient light; rays that miss everything see the sky.
 *
 * @param shapes    the surfaces
 * @param intensity the point light's brightness at distance 0
 * @param falloff   the distance {@code r} at which the light is half as bright
 * @param ambient   the light that reaches every point
 * @param penumbra  the width of the shadows' soft edges
 * @param sky       the colour of rays that hit nothing
 */
public record Scene(List<Shape> shapes, double intensity, double falloff, double ambient, double penumbra,
                    Vec3 sky) {

    /** @return three coloured balls on a checkered floor */
    public static Scene balls() {
        List<Shape> shapes = List.of(
                new Plane(0, new Vec3(0.9, 0.9, 0.85), new Vec3(0.35, 0.35, 0.4)),
                new Sphere(new Vec3(-1.3, 0.7, 4.5), 0.7, new Vec3(0.9, 0.2, 0.15)),
                new Sphere(new Vec3(0.9, 0.5, 3.6), 0.5, new Vec3(0.2, 0.8, 0.25)),
                new Sphere(new Vec3(0.6, 1.1, 6.5), 1.1, new Vec3(0.2, 0.35, 0.9)));
        return new Scene(shapes, 3.0, 4.0, 0.08, 0.15, new Vec3(0.1, 0.12, 0.2));
    }

    /**
     * @param ray a ray
     * @return the nearest surface the ray meets, or null
     */
    public Hit trace(Ray ray) {
        double nearest = Double.POSITIVE_INFINITY;
        Shape found = null;
        for (Shape shape : shapes) {
            double t = shape.distance(ray);
            if (t < nearest) {
                nearest = t;
                found = shape;
            }
        }
        return found == null ? null : new Hit(ray.at(nearest), found);
    }

    /**
     * The light leaving a surface towards the viewer: Lambertian reflection of the point light, dimmed by the soft
     * shadows of the other shapes, plus ambient light.
     *
     * @param hit   the surface point
     * @param light the light's position
     * @return the colour seen
     */
    public Vec3 shade(Hit hit, Vec3 light) {
        Vec3 albedo = hit.shape().albedo(hit.point());
        Vec3 toLight = light.minus(hit.point());
        double distance = toLight.length();
        double cosine = hit.shape().normal(hit.point()).dot(toLight) / distance;
        double direct = 0;
        if (cosine > 0) {
            double visibility = 1;
            for (Shape other : shapes) {
                if (other != hit.shape()) {
                    visibility *= 1 - other.occlusion(hit.point(), light, penumbra);
                }
            }
            direct = intensity * cosine * visibility / (1 + distance * distance / (falloff * falloff));
        }
        return albedo.times(ambient + direct);
    }
}
