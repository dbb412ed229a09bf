package dev.adjoint.bench.shapes;

/**
 * Ray–sphere intersection written with records: a grid of rays from a pinhole camera, each tested against one
 * sphere; the objective is the sum of the distances to the hits, a function of the sphere's centre and radius.
 */
public final class RaySphere {

    /** Rays per side of the image. */
    public static final int SIDE = 100;

    private RaySphere() {
    }

    /** A ray, direction of unit length. */
    record Ray(Vec3 origin, Vec3 direction) {
    }

    /** A sphere. */
    record Sphere(Vec3 centre, double radius) {

        /** @return the distance along the ray to the nearer hit in front of its origin, or 0 if it misses */
        double hit(Ray ray) {
            Vec3 toOrigin = ray.origin().minus(centre);
            double b = toOrigin.dot(ray.direction());
            double c = toOrigin.dot(toOrigin) - radius * radius;
            double discriminant = b * b - c;
            if (discriminant < 0) {
                return 0;
            }
            double t = -b - Math.sqrt(discriminant);
            return t > 0 ? t : 0;
        }
    }

    /**
     * @param sphere the centre's three coordinates and the radius
     * @return the sum of the hit distances over the {@code SIDE × SIDE} rays
     */
    public static double totalDistance(double[] sphere) {
        Sphere s = new Sphere(new Vec3(sphere[0], sphere[1], sphere[2]), sphere[3]);
        Vec3 eye = new Vec3(0, 0, 0);
        double total = 0;
        for (int row = 0; row < SIDE; row++) {
            for (int column = 0; column < SIDE; column++) {
                Vec3 target = new Vec3((column + 0.5) / SIDE - 0.5, (row + 0.5) / SIDE - 0.5, 1);
                Vec3 direction = target.times(1 / Math.sqrt(target.dot(target)));
                total += s.hit(new Ray(eye, direction));
            }
        }
        return total;
    }
}
