package dev.adjoint.examples.adbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.ValueAndGradient;

class GmmTest {

    /** ADBench's expected gradient on gmm/test.txt (its module tests, tolerance 1e-8). */
    private static final double[] TEST_GRADIENT = {
        1.08662855508652456e-01, -7.41270039523898472e-01, 6.32607184015246071e-01, 1.11692576532787013e+00,
        1.63333013551455269e-01, -2.19989824071193142e-02, 2.27778292254236098e-01, 1.20963025612832187e+00,
        -6.06375920733956339e-02, 2.58529994051162237e+00, 1.12632694524213789e-01, 3.85744309849611777e-01,
        7.35180573182305508e-02, 5.41836362715595232e+00, -3.21494409677446469e-01, 1.71892309775004937e+00,
        8.60091090790866875e-01, -9.94640930466322848e-01
    };

    @Test
    void objective_on_the_test_instance_is_adbench_expected_value() {
        GmmInput in = GmmInput.load(GmmInput.TEST);
        assertEquals(8.07380408004975791, Gmm.objective(in.parameters(), in.data()), 1e-8);
    }

    @Test
    void gradient_on_the_test_instance_is_adbench_expected_gradient() {
        GmmInput in = GmmInput.load(GmmInput.TEST);
        GmmData data = in.data();
        double[] gradient = AD.gradient(p -> Gmm.objective(p, data), in.parameters());
        assertArrayEquals(TEST_GRADIENT, gradient, 1e-8);
    }

    @Test
    void value_from_value_and_gradient_is_the_primal_bit_for_bit() {
        GmmInput in = GmmInput.load(GmmInput.D2_K5);
        GmmData data = in.data();
        ValueAndGradient vg = AD.valueAndGradient(p -> Gmm.objective(p, data), in.parameters());
        assertEquals(Gmm.objective(in.parameters(), data), vg.value(), 0.0);
    }

    @Test
    void gradient_on_the_test_instance_agrees_with_finite_differences_in_every_component() {
        assertAgreesWithFiniteDifferences(GmmInput.TEST, 0, 1e-8);
    }

    @Test
    void gradient_for_d2_k5_agrees_with_finite_differences_in_every_component() {
        assertAgreesWithFiniteDifferences(GmmInput.D2_K5, 0, 1e-7);
    }

    @Test
    void gradient_for_d10_k5_agrees_with_finite_differences_in_sampled_components() {
        assertAgreesWithFiniteDifferences(GmmInput.D10_K5, 12, 1e-7);
    }

    /** Compares in every component when {@code sampled} is 0, otherwise in that many fixed random components. */
    private static void assertAgreesWithFiniteDifferences(String file, int sampled, double tolerance) {
        GmmInput in = GmmInput.load(file);
        GmmData data = in.data();
        double[] x = in.parameters();
        double[] gradient = AD.gradient(p -> Gmm.objective(p, data), x);
        int[] components = sampled == 0 ? FiniteDifferences.all(x.length)
                : FiniteDifferences.sample(x.length, sampled, 20180611L);
        FiniteDifferences.assertAgrees(gradient, p -> Gmm.objective(p, data), x, components, tolerance);
    }
}
