package dev.adjoint.examples.sine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;

class TaylorSineTest {

    @Test
    void reverse_mode_gives_cos_one_to_1e_8() {
        double g = AD.gradient(TaylorSine::sine, 1.0);
        assertEquals(Math.cos(1.0), g, 1e-8);
        assertEquals(0.5403023037918872, g, 1e-15);
    }
}
