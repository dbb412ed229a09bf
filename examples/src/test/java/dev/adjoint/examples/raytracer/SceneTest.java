package dev.adjoint.examples.raytracer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;

class SceneTest {

    private static final Sphere BALL = new Sphere(new Vec3(0, 1, 5), 1, new Vec3(0.5, 0.25, 1));

    @Test
    void a_ray_meets_a_sphere_at_its_near_surface() {
        Ray ray = new Ray(new Vec3(0, 1, 0), new Vec3(0, 0, 1));
        assertEquals(4, BALL.distance(ray), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, BALL.distance(new Ray(new Vec3(0, 3, 0), new Vec3(0, 0, 1))));
    }

    @Test
    void a_light_straight_above_lights_the_top_of_a_ball_by_the_falloff_law() {
        Scene scene = new Scene(List.of(BALL), 3, 4, 0.1, 0.15, Vec3.ZERO);
        Hit top = new Hit(new Vec3(0, 2, 5), BALL);
        Vec3 color = scene.shade(top, new Vec3(0, 5, 5));
        double direct = 3 / (1 + 9.0 / 16);
        assertEquals(0.5 * (0.1 + direct), color.x(), 1e-12);
        assertEquals(1 * (0.1 + direct), color.z(), 1e-12);
    }

    @Test
    void a_surface_facing_away_from_the_light_gets_only_ambient_light() {
        Scene scene = new Scene(List.of(BALL), 3, 4, 0.1, 0.15, Vec3.ZERO);
        Hit bottom = new Hit(new Vec3(0, 0, 5), BALL);
        assertEquals(0.5 * 0.1, scene.shade(bottom, new Vec3(0, 5, 5)).x(), 1e-12);
    }

    @Test
    void a_ball_blocks_all_light_behind_it_none_beside_it_and_half_at_its_rim() {
        Vec3 light = new Vec3(0, 1, 10);
        assertEquals(1, BALL.occlusion(new Vec3(0, 1, 0), light, 0.05), 1e-6);
        assertEquals(0, BALL.occlusion(new Vec3(3, 1, 0), new Vec3(3, 1, 10), 0.05), 1e-6);
        assertEquals(0.5, BALL.occlusion(new Vec3(1, 1, 0), new Vec3(1, 1, 10), 0.05), 1e-12);
        assertEquals(0, BALL.occlusion(new Vec3(0, 1, 0), new Vec3(0, 1, 2), 0.05), 1e-6);
    }

    @Test
    void the_nearest_surface_wins_and_a_ray_into_the_sky_hits_nothing() {
        Scene scene = Scene.balls();
        Hit hit = scene.trace(new Ray(new Vec3(0.9, 0.5, 0), new Vec3(0, 0, 1)));
        assertSame(scene.shapes().get(2), hit.shape());
        assertEquals(3.1, hit.point().z(), 1e-12);
        assertNull(scene.trace(new Ray(new Vec3(0, 1, 0), new Vec3(0, 1, 0))));
    }
}
