package dev.adjoint.examples.adbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.ValueAndGradient;

class LstmTest {

    @Test
    void objective_on_l2_c1024_is_adbench_expected_value() {
        LstmInput in = LstmInput.load(LstmInput.L2_C1024);
        assertEquals(0.66666518, Lstm.objective(in.parameters(), in.data()), 1e-8);
    }

    @Test
    void objective_does_not_modify_the_initial_state() {
        LstmInput in = LstmInput.load(LstmInput.L2_C1024);
        double first = Lstm.objective(in.parameters(), in.data());
        assertEquals(first, Lstm.objective(in.parameters(), in.data()), 0.0);
    }

    @Test
    void value_from_value_and_gradient_is_the_primal_bit_for_bit() {
        LstmInput in = LstmInput.load(LstmInput.L2_C1024);
        LstmData data = in.data();
        ValueAndGradient vg = AD.valueAndGradient(p -> Lstm.objective(p, data), in.parameters());
        assertEquals(Lstm.objective(in.parameters(), data), vg.value(), 0.0);
    }

    @Test
    void gradient_for_l2_c1024_agrees_with_finite_differences_in_sampled_components() {
        assertAgreesWithFiniteDifferences(LstmInput.L2_C1024, 16);
    }

    @Test
    void gradient_for_l4_c1024_agrees_with_finite_differences_in_sampled_components() {
        assertAgreesWithFiniteDifferences(LstmInput.L4_C1024, 12);
    }

    @Test
    void checkpointed_objective_has_the_same_value_and_gradient_with_a_fraction_of_the_tape() {
        LstmInput in = LstmInput.load(LstmInput.L2_C1024);
        LstmData data = in.data();
        double[] x = in.parameters();
        assertEquals(Lstm.objective(x, data), Lstm.objectiveCheckpointed(x, data), 1e-15);
        double[] plain = AD.gradient(p -> Lstm.objective(p, data), x);
        long plainBytes = AD.lastTapeBytes();
        double[] checkpointed = AD.gradient(p -> Lstm.objectiveCheckpointed(p, data), x);
        long checkpointedBytes = AD.lastTapeBytes();
        assertArrayEquals(plain, checkpointed, 1e-12);
        // 1023 steps, of which the tape now holds one (plus each step's input): far below a tenth
        org.junit.jupiter.api.Assertions.assertTrue(checkpointedBytes * 10 < plainBytes,
                checkpointedBytes + " vs " + plainBytes);
    }

    /** The LSTM's copy of its initial state, in small: a clone of an array the gradient does not depend on. */
    @Test
    void clone_of_fixed_data_inside_the_function_is_differentiated() {
        double[] fixed = {1.0, 2.0};
        double[] gradient = AD.gradient(x -> {
            double[] state = fixed.clone();
            state[0] = state[0] * x[0];
            return state[0];
        }, new double[] {3.0});
        assertArrayEquals(new double[] {1.0}, gradient, 0.0);
    }

    private static void assertAgreesWithFiniteDifferences(String file, int sampled) {
        LstmInput in = LstmInput.load(file);
        LstmData data = in.data();
        double[] x = in.parameters();
        double[] gradient = AD.gradient(p -> Lstm.objective(p, data), x);
        FiniteDifferences.assertAgrees(gradient, p -> Lstm.objective(p, data), x,
                FiniteDifferences.sample(x.length, sampled, 20180611L), 1e-8);
    }
}
