package dev.adjoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.adjoint.it.harness.Comparison;
import dev.adjoint.it.harness.Mode;
import dev.adjoint.it.harness.OfflineInstrumentation;

/**
 * Jars instrumented ahead of time by {@code ad instrument} run with only the runtime on the class path and behave
 * as under the agent ({@link InstrumentTest} has the command's own tests). Skipped, with the reason, if the CLI was
 * built without the command.
 */
class InstrumentedModeTest {

    @BeforeEach
    void requireInstrumentCommand() {
        OfflineInstrumentation.assumeAvailable();
    }

    @Test
    void the_seed_example_instrumented_ahead_of_time_prints_what_it_prints_under_the_agent() {
        Comparison c = TaylorSineOutput.launch().runIn(Mode.WITH_AGENT, Mode.INSTRUMENTED).assertIdentical();
        assertEquals(TaylorSineOutput.GRADIENT_AT_ONE, TaylorSineOutput.assertElevenLinesAndTheGradient(c.second()));
    }

    @Test
    void an_instrumented_program_that_never_calls_AD_prints_the_same_bytes_as_without_adjoint() {
        Comparison c = TransparencyTest.transparency().runIn(Mode.PLAIN, Mode.INSTRUMENTED).assertIdentical();
        TransparencyTest.assertRanToTheEnd(c.first());
    }

    @Test
    void an_instrumented_program_returns_the_bits_of_a_direct_call_and_the_analytic_gradient() {
        PrimalTest.assertPrimalAndGradient(PrimalTest.primal().mode(Mode.INSTRUMENTED).run());
    }
}
