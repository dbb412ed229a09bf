package dev.adjoint.examples.raytracer;

/**
 * The floor: the horizontal plane {@code y = height}, a checkerboard of two colours in squares of one unit.
 *
 * @param height the floor's height
 * @param light  the colour of the light squares
 * @param dark   the colour of the dark squares
 */
public record Plane(double height, Vec3 light, Vec3 dark) implements Shape {

    private static final Vec3 UP = new Vec3(0, 1, 0);

    @Override
    public double distance(Ray ray) {
        double dy = ray.direction().y();
        if (dy == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double t = (height - ray.origin().y()) / dy;
        return t > EPSILON ? t : Double.POSITIVE_INFINITY;
    }

    @Override
    public Vec3 normal(Vec3 point) {
        return UP;
    }

    @Override
    public Vec3 albedo(Vec3 point) {
        boolean even = (Math.floorMod((int) Math.floor(point.x()) + (int) Math.floor(point.z()), 2)) == 0;
        return even ? light : dark;
    }

    /** The lights of this scene are above the floor, so the floor never stands between a point and the light. */
    @Override
    public double occlusion(Vec3 point, Vec3 light, double penumbra) {
        return 0;
    }
}
