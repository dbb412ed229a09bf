package dev.adjoint.reverse;

import static dev.adjoint.testing.Check.analytic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.NotDifferentiableException;
import dev.adjoint.ScalarFunction;
import dev.adjoint.subjects.Idioms;

class IdiomsTest {

    @Test
    void a_loop_over_the_values_of_an_enum() {
        double x = 0.7;
        analytic(Idioms::enumValues, x, 2 * x + 3 * x * x, 1e-14);
        assertEquals(2 * x + 3 * x * x, AD.derivative(Idioms::enumValues, x), 1e-14);
    }

    @Test
    void boxes_read_through_number() {
        double x = 0.7;
        analytic(Idioms::numberOfAConstant, x, 2 * 5.5 * x, 1e-14);
        // (2x) * x^2: the box carries the derivative
        analytic(Idioms::numberCarryingTheDerivative, x, 6 * x * x, 1e-14);
        assertEquals(6 * x * x, AD.derivative(Idioms::numberCarryingTheDerivative, x), 1e-14);
    }

    @Test
    void records_equals_hash_code_and_to_string() {
        analytic(Idioms::recordMethods, 1.5, 4 * 1.5, 1e-14);
    }

    @Test
    void clones_of_arrays_of_arrays_share_their_rows() {
        analytic(Idioms::objectArrayClone, 1.5, 2 * 1.5 + 1, 1e-14);
    }

    @Test
    void locals_whose_slot_javac_reuses_for_another_type() {
        // 3x + x^3 (0 + 1 + 2 + 3) = 3x + 6x^3
        double x = 0.7;
        analytic(Idioms::slotsReusedAcrossScopes, x, 3 + 18 * x * x, 1e-13);
        assertEquals(3 + 18 * x * x, AD.derivative(Idioms::slotsReusedAcrossScopes, x), 1e-13);
    }
}
