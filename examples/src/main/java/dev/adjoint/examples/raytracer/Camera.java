package dev.adjoint.examples.raytracer;

/**
 * A pinhole camera: one ray through the centre of each pixel of a {@code width × height} image.
 */
public final class Camera {

    private final Vec3 eye;
    private final Vec3 forward;
    private final Vec3 right;
    private final Vec3 up;
    private final int width;
    private final int height;
    private final double halfWidth;
    private final double halfHeight;

    /**
     * @param eye         where the camera is
     * @param target      the point it looks at
     * @param fieldOfView the vertical opening angle, degrees
     * @param width       the image width, pixels
     * @param height      the image height, pixels
     */
    public Camera(Vec3 eye, Vec3 target, double fieldOfView, int width, int height) {
        this.eye = eye;
        this.forward = target.minus(eye).normalized();
        this.right = forward.cross(new Vec3(0, 1, 0)).normalized().times(-1);
        this.up = right.cross(forward).times(-1);
        this.width = width;
        this.height = height;
        this.halfHeight = Math.tan(Math.toRadians(fieldOfView) / 2);
        this.halfWidth = halfHeight * width / height;
    }

    /** @return the image width, pixels */
    public int width() {
        return width;
    }

    /** @return the image height, pixels */
    public int height() {
        return height;
    }

    /**
     * @param column the pixel's column, 0 at the left
     * @param row    the pixel's row, 0 at the top
     * @return the ray through the pixel's centre
     */
    public Ray ray(int column, int row) {
        double u = (2 * (column + 0.5) / width - 1) * halfWidth;
        double v = (1 - 2 * (row + 0.5) / height) * halfHeight;
        return new Ray(eye, forward.plus(right.times(u)).plus(up.times(v)).normalized());
    }
}
