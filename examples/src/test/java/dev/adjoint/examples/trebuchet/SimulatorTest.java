package dev.adjoint.examples.trebuchet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;

class SimulatorTest {

    private static final double G = 9.81;

    @Test
    void the_swing_keeps_the_machines_energy_as_the_counterweight_falls() {
        // no friction: kinetic plus potential energy at release is what it was at rest in the cocked position
        Trebuchet trebuchet = Trebuchet.standard();
        double counterweight = 300;
        Swing start = new Swing(Trebuchet.START_ANGLE, Trebuchet.START_SLING, 0, 0, 0);
        Swing release = trebuchet.swing(counterweight, 1.8);

        double before = trebuchet.energy(counterweight, start);
        double after = trebuchet.energy(counterweight, release);
        // the energy the falling counterweight gives up; the integration keeps the sum to a small part of it (the
        // step cut at the release angle is interpolated linearly, which costs more than the Runge-Kutta steps)
        double exchanged = G * counterweight * 1.0 * (Math.sin(1.8) - Math.sin(Trebuchet.START_ANGLE));
        assertEquals(before, after, 1e-4 * exchanged, "energy at rest " + before + " J, at release " + after + " J");
        assertEquals(1.8, release.arm(), 1e-12);
        assertTrue(release.armRate() < -3, "the arm swings forward fast: " + release.armRate());
    }

    @Test
    void the_projectile_leaves_the_sling_moving_with_its_end() {
        // the projectile's velocity is the sling end's velocity plus the sling's own turning
        Trebuchet trebuchet = Trebuchet.standard();
        Swing s = trebuchet.swing(300, 1.8);
        Release r = trebuchet.release(s);
        double b = 4;
        double sling = 2;
        assertEquals(b * Math.cos(s.arm()) + sling * Math.cos(s.sling()), r.x(), 1e-12);
        assertEquals(4 + b * Math.sin(s.arm()) + sling * Math.sin(s.sling()), r.y(), 1e-12);
        double h = 1e-6;
        double xNext = b * Math.cos(s.arm() + h * s.armRate()) + sling * Math.cos(s.sling() + h * s.slingRate());
        double xPrevious = b * Math.cos(s.arm() - h * s.armRate()) + sling * Math.cos(s.sling() - h * s.slingRate());
        assertEquals((xNext - xPrevious) / (2 * h), r.vx(), 1e-6 * Math.abs(r.vx()));
        assertTrue(r.angleDegrees() > 10 && r.angleDegrees() < 80, "launched upward: " + r.angleDegrees() + "°");
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
        Aim aim = new Aim(300, 1.8);
        double calm = range.landing(aim, 0);
        assertTrue(range.landing(aim, 5) > calm + 1);
        assertTrue(range.landing(aim, -5) < calm - 1);
    }

    @Test
    void derivative_of_the_landing_point_agrees_with_central_differences() {
        Range range = Range.standard();
        double wind = -3;
        MultivariateFunction landing = u -> range.landing(new Aim(u[0], u[1]), wind);
        double[] controls = {250, 1.8};

        double[] gradient = AD.gradient(landing, controls);

        // the trip counts of the loops stay the same within these steps
        double dm = 1e-3;
        double expectedWeight = (landing.apply(new double[] {250 + dm, 1.8})
                - landing.apply(new double[] {250 - dm, 1.8})) / (2 * dm);
        double da = 1e-5;
        double expectedAngle = (landing.apply(new double[] {250, 1.8 + da})
                - landing.apply(new double[] {250, 1.8 - da})) / (2 * da);
        assertEquals(expectedWeight, gradient[0], 1e-6 * Math.abs(expectedWeight));
        assertEquals(expectedAngle, gradient[1], 1e-6 * Math.abs(expectedAngle));
        assertTrue(gradient[0] > 0, "a heavier counterweight throws farther: " + gradient[0]);
    }
}
