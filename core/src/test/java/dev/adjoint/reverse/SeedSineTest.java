package dev.adjoint.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;

class SeedSineTest {

    @Test
    void reverse_mode_gradient_of_taylor_sine_at_one_is_cos_one() {
        double g = AD.gradient(TaylorSine::sine, 1.0);
        assertEquals(Math.cos(1.0), g, 1e-8);
        assertEquals(0.5403023037918872, g, 1e-15);
    }
}
