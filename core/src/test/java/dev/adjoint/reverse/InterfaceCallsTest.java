package dev.adjoint.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.internal.runtime.Linker;

/**
 * Calls the engine cannot inline (design.md §16b): an interface call on an object held in a field, whose class the
 * class files do not tell, keeps its companion and goes through a dispatch site's inline cache (§7). Gradients
 * against central differences, over enough gradients that each site runs through its table, its guards and, with
 * more classes than the cache holds, its per-class table.
 */
class InterfaceCallsTest {

    /** The right-hand side of y' = f(t, y), as an ODE library takes it. */
    interface Equations {
        void derivatives(double t, double[] y, double[] yDot);
    }

    /** A damped oscillator, x'' = -k x - c x'. */
    static final class Oscillator implements Equations {
        private final double stiffness;

        Oscillator(double stiffness) {
            this.stiffness = stiffness;
        }

        @Override
        public void derivatives(double t, double[] y, double[] yDot) {
            yDot[0] = y[1];
            yDot[1] = -stiffness * y[0] - 0.3 * y[1];
        }
    }

    /** Logistic growth of both components at a rate. */
    static final class Logistic implements Equations {
        private final double rate;

        Logistic(double rate) {
            this.rate = rate;
        }

        @Override
        public void derivatives(double t, double[] y, double[] yDot) {
            yDot[0] = rate * y[0] * (1 - y[0]);
            yDot[1] = rate * y[1] * (1 - y[1]);
        }
    }

    /** A pendulum, θ'' = -k sin θ. */
    static final class Pendulum implements Equations {
        private final double gravity;

        Pendulum(double gravity) {
            this.gravity = gravity;
        }

        @Override
        public void derivatives(double t, double[] y, double[] yDot) {
            yDot[0] = y[1];
            yDot[1] = -gravity * Math.sin(y[0]);
        }
    }

    /** A forced oscillator, x'' = -k x + cos t. */
    static final class Forced implements Equations {
        private final double stiffness;

        Forced(double stiffness) {
            this.stiffness = stiffness;
        }

        @Override
        public void derivatives(double t, double[] y, double[] yDot) {
            yDot[0] = y[1];
            yDot[1] = -stiffness * y[0] + Math.cos(t);
        }
    }

    /** Coupled decay, y' = -k A y. */
    static final class Coupled implements Equations {
        private final double rate;

        Coupled(double rate) {
            this.rate = rate;
        }

        @Override
        public void derivatives(double t, double[] y, double[] yDot) {
            yDot[0] = -rate * (2 * y[0] - y[1]);
            yDot[1] = -rate * (2 * y[1] - y[0]);
        }
    }

    /** Classical Runge–Kutta with a fixed step, written as a library writes it: the equations held in a field. */
    static final class RungeKutta {
        private final Equations equations;
        private final double step;

        RungeKutta(Equations equations, double step) {
            this.equations = equations;
            this.step = step;
        }

        double[] integrate(double[] y0, int steps) {
            int n = y0.length;
            double[] y = y0.clone();
            double[] k1 = new double[n];
            double[] k2 = new double[n];
            double[] k3 = new double[n];
            double[] k4 = new double[n];
            double[] tmp = new double[n];
            double t = 0;
            for (int s = 0; s < steps; s++) {
                equations.derivatives(t, y, k1);
                for (int i = 0; i < n; i++) {
                    tmp[i] = y[i] + step / 2 * k1[i];
                }
                equations.derivatives(t + step / 2, tmp, k2);
                for (int i = 0; i < n; i++) {
                    tmp[i] = y[i] + step / 2 * k2[i];
                }
                equations.derivatives(t + step / 2, tmp, k3);
                for (int i = 0; i < n; i++) {
                    tmp[i] = y[i] + step * k3[i];
                }
                equations.derivatives(t + step, tmp, k4);
                for (int i = 0; i < n; i++) {
                    y[i] += step / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
                }
                t += step;
            }
            return y;
        }
    }

    /** The kinds of equations, by number, so that one call site of the integrator meets all of them. */
    static Equations equations(int kind, double parameter) {
        switch (kind) {
            case 0:
                return new Oscillator(parameter);
            case 1:
                return new Logistic(parameter);
            case 2:
                return new Pendulum(parameter);
            case 3:
                return new Forced(parameter);
            default:
                return new Coupled(parameter);
        }
    }

    /** x(T)² + x'(T)² from the start (p[0], p[1]) with the equations' parameter p[2]. */
    static double finalEnergy(int kind, double[] p) {
        double[] y = new RungeKutta(equations(kind, p[2]), 0.05).integrate(new double[] {p[0], p[1]}, 40);
        return y[0] * y[0] + y[1] * y[1];
    }

    private static void assertCentralDifferences(MultivariateFunction f, double[] x, String what) {
        double[] g = AD.gradient(f, x);
        for (int k = 0; k < x.length; k++) {
            double h = 1e-6 * Math.max(1, Math.abs(x[k]));
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[k] += h;
            minus[k] -= h;
            double fd = (f.apply(plus) - f.apply(minus)) / (2 * h);
            assertEquals(fd, g[k], 1e-6 * Math.max(1, Math.abs(fd)), what + ", component " + k);
        }
    }

    @Test
    void an_ode_held_as_an_interface_is_differentiated_through_a_hand_written_runge_kutta_loop() {
        double[] start = {0.4, 0.2, 0.7};
        for (int gradient = 0; gradient < 4; gradient++) {
            // the site's table, then its guard: the same gradient each time
            assertCentralDifferences(p -> finalEnergy(0, p), start, "oscillator, gradient " + gradient);
        }
    }

    @Test
    void one_call_site_meets_more_classes_of_equations_than_its_inline_cache_holds() {
        double[] start = {0.4, 0.2, 0.7};
        for (int round = 0; round < 2; round++) {
            for (int kind = 0; kind < 5; kind++) {
                int k = kind;
                assertCentralDifferences(p -> finalEnergy(k, p), start, "equations " + kind + ", round " + round);
            }
        }
    }

    /** A rate held in a field and read through a virtual call: the engine cannot see the receiver's class. */
    static class Rate {
        private final double value;

        Rate(double value) {
            this.value = value;
        }

        double apply(double s) {
            return s * value + 1e-3;
        }
    }

    /** A second class at the same call: its own derivative code must run, not the guarded first class's. */
    static final class SquaredRate extends Rate {
        SquaredRate(double value) {
            super(value);
        }

        @Override
        double apply(double s) {
            return super.apply(s) * s;
        }
    }

    /** Holds the rate in a field, so the call's receiver comes from the heap. */
    static final class Recurrence {
        private final Rate rate;

        Recurrence(Rate rate) {
            this.rate = rate;
        }

        double run(double s, int steps) {
            for (int i = 0; i < steps; i++) {
                s = rate.apply(s);
            }
            return s;
        }
    }

    static double recurrence(boolean squared, double[] p) {
        Rate r = squared ? new SquaredRate(p[1]) : new Rate(p[1]);
        return new Recurrence(r).run(p[0], 30);
    }

    @Test
    void a_virtual_call_on_a_field_held_object_follows_each_class_that_reaches_it() {
        double[] start = {0.8, 0.9};
        for (int round = 0; round < 3; round++) {
            assertCentralDifferences(p -> recurrence(false, p), start, "rate, round " + round);
            assertCentralDifferences(p -> recurrence(true, p), start, "squared rate, round " + round);
        }
    }

    /** Rotates a vector by an angle; called once per gradient, through an interface. */
    static final class Rotation implements Equations {
        private final double angle;

        Rotation(double angle) {
            this.angle = angle;
        }

        @Override
        public void derivatives(double t, double[] y, double[] yDot) {
            yDot[0] = Math.cos(angle) * y[0] - Math.sin(angle) * y[1];
            yDot[1] = Math.sin(angle) * y[0] + Math.cos(angle) * y[1];
        }
    }

    /** Holds equations in a field and calls them once. */
    static final class Once {
        private final Equations equations;

        Once(Equations equations) {
            this.equations = equations;
        }

        double firstComponent(double x) {
            double[] out = new double[2];
            equations.derivatives(0, new double[] {x, 1}, out);
            return out[0];
        }
    }

    @Test
    void a_call_site_that_runs_once_per_gradient_is_guarded_in_the_second_gradient() {
        // before, such a site waited for its hundredth gradient, by when the JIT had compiled its callers, and
        // retargeting it threw that code away; sites that run only in one gradient are still never guarded
        Once once = new Once(new Rotation(0.6));
        MultivariateFunction f = p -> once.firstComponent(p[0]);
        int before = Linker.guardsBuilt();
        assertEquals(Math.cos(0.6), AD.gradient(f, new double[] {2})[0], 1e-15);
        int afterFirst = Linker.guardsBuilt();
        assertEquals(Math.cos(0.6), AD.gradient(f, new double[] {3})[0], 1e-15);
        int afterSecond = Linker.guardsBuilt();
        assertEquals(before, afterFirst, "guards built in the first gradient, where every site runs once");
        assertTrue(afterSecond > afterFirst, "no guard built in the second gradient");
    }
}
