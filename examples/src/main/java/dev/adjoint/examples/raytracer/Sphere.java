package dev.adjoint.examples.raytracer;

/**
 * A sphere of one colour.
 *
 * @param center the centre
 * @param radius the radius
 * @param color  its albedo
 */
public record Sphere(Vec3 center, double radius, Vec3 color) implements Shape {

    @Override
    public double distance(Ray ray) {
        Vec3 oc = ray.origin().minus(center);
        double b = oc.dot(ray.direction());
        double c = oc.dot(oc) - radius * radius;
        double discriminant = b * b - c;
        if (discriminant < 0) {
            return Double.POSITIVE_INFINITY;
        }
        double root = Math.sqrt(discriminant);
        double near = -b - root;
        if (near > EPSILON) {
            return near;
        }
        double far = -b + root;
        return far > EPSILON ? far : Double.POSITIVE_INFINITY;
    }

    @Override
    public Vec3 normal(Vec3 point) {
        return point.minus(center).times(1 / radius);
    }

    @Override
    public Vec3 albedo(Vec3 point) {
        return color;
    }

    /**
     * The segment from the point to the light passes the centre at some distance; the sphere blocks the light
     * smoothly more as that distance falls below the radius (a logistic step one penumbra wide). The distance is
     * to the segment, not the line, so that nothing behind the point or beyond the light casts a shadow, and it
     * changes continuously as the light moves.
     */
    @Override
    public double occlusion(Vec3 point, Vec3 light, double penumbra) {
        Vec3 toLight = light.minus(point);
        double length = toLight.length();
        Vec3 direction = toLight.times(1 / length);
        double along = Math.min(length, Math.max(0, center.minus(point).dot(direction)));
        double miss = point.plus(direction.times(along)).minus(center).length();
        return 1 / (1 + Math.exp((miss - radius) / penumbra));
    }
}
