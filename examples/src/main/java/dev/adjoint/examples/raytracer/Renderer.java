package dev.adjoint.examples.raytracer;

/**
 * Renders a scene through a camera with the light at a given position, and compares renders: the function whose
 * gradient with respect to the light's position recovers the light from a picture.
 */
public final class Renderer {

    private final Scene scene;
    private final Camera camera;

    /**
     * @param scene  what to render
     * @param camera from where
     */
    public Renderer(Scene scene, Camera camera) {
        this.scene = scene;
        this.camera = camera;
    }

    /**
     * @param light the light's position
     * @return the picture
     */
    public Image render(Vec3 light) {
        Image image = new Image(camera.width(), camera.height());
        for (int row = 0; row < camera.height(); row++) {
            for (int column = 0; column < camera.width(); column++) {
                Hit hit = scene.trace(camera.ray(column, row));
                image.set(column, row, hit == null ? scene.sky() : scene.shade(hit, light));
            }
        }
        return image;
    }

    /**
     * @param light  the light's position
     * @param target the picture to match
     * @return the mean squared difference between the render and the target
     */
    public double loss(Vec3 light, Image target) {
        return render(light).meanSquaredError(target);
    }
}
