package dev.adjoint.it;

import org.junit.jupiter.api.Test;

/** The seed program, run as the README tells users to run it. */
class TaylorSineTest {

    @Test
    void seed_sine_prints_eleven_lines_and_the_gradient() {
        TaylorSineOutput.assertElevenLinesAndTheGradient(TaylorSineOutput.launch().run());
    }
}
