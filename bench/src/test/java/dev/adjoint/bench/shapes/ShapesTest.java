package dev.adjoint.bench.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.ScalarFunction;

/**
 * The shapes' gradients, which the benchmarks time, agree with central differences of their primals. The two
 * library shapes are left to it-tests, whose first gradients through a library take seconds: EJML's 4×4
 * {@code invert} summed is {@code EjmlTest}'s {@code inverseSum@4}, and {@code CommonsMathTest} covers the Runge–Kutta
 * integrators.
 */
class ShapesTest {

    private static void assertDerivative(ScalarFunction f, double x, double h) {
        double expected = (f.apply(x + h) - f.apply(x - h)) / (2 * h);
        assertTrue(Math.abs(expected) > 1e-3, "a derivative that cannot be zero by accident");
        assertEquals(expected, AD.gradient(f, x), 1e-6 * Math.abs(expected));
    }

    private static void assertGradient(MultivariateFunction f, double[] x, double h) {
        double[] gradient = AD.gradient(f, x);
        for (int i = 0; i < x.length; i++) {
            double[] up = x.clone();
            double[] down = x.clone();
            up[i] += h;
            down[i] -= h;
            double expected = (f.apply(up) - f.apply(down)) / (2 * h);
            assertEquals(expected, gradient[i], 1e-6 * Math.max(1, Math.abs(expected)), "∂/∂x[" + i + "]");
        }
    }

    @Test
    void the_static_and_the_instance_call_loops_have_the_same_derivative_as_central_differences() {
        assertDerivative(CallLoops::staticCalls, 0.999, 1e-7);
        assertDerivative(CallLoops::instanceCalls, 0.999, 1e-7);
        assertEquals(AD.gradient(CallLoops::staticCalls, 0.99), AD.gradient(CallLoops::instanceCalls, 0.99));
    }

    @Test
    void the_projectile_on_records_has_the_derivative_of_central_differences_in_its_drag() {
        assertDerivative(Projectile::flight, 0.05, 1e-6);
    }

    @Test
    void ray_sphere_intersection_on_records_has_the_gradient_of_central_differences() {
        assertGradient(RaySphere::totalDistance, new double[] {0.1, -0.05, 3, 0.8}, 1e-6);
    }

    @Test
    void the_layer_object_whose_loops_read_its_fields_has_the_gradient_of_central_differences() {
        DenseLayer layer = new DenseLayer(8, 5, 3);
        double[] x = {0.3, -0.2, 0.5, 0.1, -0.4, 0.25, 0.05, -0.15};
        assertGradient(layer::loss, x, 1e-6);
    }

    @Test
    void rosenbrock_as_a_stream_has_the_gradient_of_central_differences_and_of_the_loop() {
        double[] x = java.util.Arrays.copyOf(StreamRosenbrock.start(), 6);
        assertGradient(StreamRosenbrock::asStream, x, 1e-6);
        double[] valley = StreamRosenbrock.start();
        double[] stream = AD.gradient(StreamRosenbrock::asStream, valley);
        double[] loop = AD.gradient(StreamRosenbrock::asLoop, valley);
        for (int i = 0; i < valley.length; i++) {
            assertEquals(loop[i], stream[i], 1e-12 * Math.max(1, Math.abs(loop[i])), "∂/∂x[" + i + "]");
        }
    }

    @Test
    void the_matrix_product_and_the_heat_stencil_on_arrays_of_arrays_have_the_gradients_of_central_differences() {
        assertGradient(Grids::productNorm, Grids.matrices(), 1e-6);
        assertGradient(Grids::heat, Grids.temperatures(), 1e-6);
    }
}
