package dev.adjoint.examples.trebuchet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;

class SimulatorTest {

    private static final double G = 9.81;

    @Test
    void release_speed_matches_the_energy_the_counterweight_gives_up() {
        // a massless beam: ½ (m b² + M a²) ω² = g (M a − m b) (sin θ_rel − sin θ₀)
        double a = 1;
        double b = 5;
        double m = 2;
        double counterweight = 150;
        double releaseAngle = 2.2;
        Release r = new Trebuchet(a, b, 4, m, 0).release(counterweight, releaseAngle);

        double inertia = m * b * b + counterweight * a * a;
        double work = G * (counterweight * a - m * b) * (Math.sin(releaseAngle) - Math.sin(Math.PI + 0.6));
        double expected = b * Math.sqrt(2 * work / inertia);
        assertEquals(expected, r.speed(), 0.01 * expected);
        assertEquals(Math.toDegrees(releaseAngle - Math.PI / 2), r.angleDegrees(), 1e-9);
        assertEquals(4 + b * Math.sin(releaseAngle), r.y(), 1e-12);
    }

    @Test
    void without_drag_the_projectile_follows_the_parabola() {
        Release r = new Release(1, 6, 12, 9, 0);
        double landing = new Flight(0, 2).landing(r, 5);
        double t = (r.vy() + Math.sqrt(r.vy() * r.vy() + 2 * G * r.y())) / G;
        assertEquals(r.x() + r.vx() * t, landing, 0.1);
    }

    @Test
    void a_tail_wind_carries_the_projectile_farther_than_a_head_wind() {
        Range range = Range.standard();
        Aim aim = new Aim(300, 2.4);
        double calm = range.landing(aim, 0);
        assertTrue(range.landing(aim, 5) > calm + 1);
        assertTrue(range.landing(aim, -5) < calm - 1);
    }

    @Test
    void derivative_of_the_landing_point_agrees_with_central_differences() {
        Range range = Range.standard();
        double wind = -3;
        MultivariateFunction landing = u -> range.landing(new Aim(u[0], u[1]), wind);
        double[] controls = {250, 2.3};

        double[] gradient = AD.gradient(landing, controls);

        // the trip counts of the loops stay the same within these steps
        double dm = 1e-3;
        double expectedWeight = (landing.apply(new double[] {250 + dm, 2.3})
                - landing.apply(new double[] {250 - dm, 2.3})) / (2 * dm);
        double da = 1e-5;
        double expectedAngle = (landing.apply(new double[] {250, 2.3 + da})
                - landing.apply(new double[] {250, 2.3 - da})) / (2 * da);
        assertEquals(expectedWeight, gradient[0], 1e-6 * Math.abs(expectedWeight));
        assertEquals(expectedAngle, gradient[1], 1e-6 * Math.abs(expectedAngle));
        assertTrue(gradient[0] > 0, "a heavier counterweight throws farther: " + gradient[0]);
    }
}
