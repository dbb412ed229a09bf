package dev.adjoint.it.harness;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Comparing two runs, without launching any. */
class ComparisonTest {

    private static Outcome outcome(int exit, String out, String err) {
        return new Outcome(List.of("java", "Prog"), exit, out.getBytes(StandardCharsets.UTF_8),
                err.getBytes(StandardCharsets.UTF_8), Duration.ofMillis(5), false);
    }

    @Test
    void identical_runs_pass() {
        new Comparison(Mode.PLAIN, outcome(0, "a\nb\n", ""), Mode.WITH_AGENT, outcome(0, "a\nb\n", ""))
                .assertIdentical();
    }

    @Test
    void the_failure_names_the_first_line_that_differs() {
        Comparison c = new Comparison(Mode.PLAIN, outcome(0, "a\nb\nc\n", ""), Mode.WITH_AGENT,
                outcome(0, "a\nB\nc\n", ""));
        AssertionFailedError e = assertThrows(AssertionFailedError.class, c::assertIdentical);
        assertTrue(e.getMessage().startsWith("standard output differs between PLAIN and WITH_AGENT: first at line 2:"
                + "\n  b\n  B"), e.getMessage());
    }

    @Test
    void a_difference_on_standard_error_or_in_the_exit_code_fails() {
        assertThrows(AssertionFailedError.class, new Comparison(Mode.PLAIN, outcome(0, "a\n", ""),
                Mode.WITH_AGENT, outcome(0, "a\n", "[adjoint] note\n"))::assertIdentical);
        assertThrows(AssertionFailedError.class, new Comparison(Mode.PLAIN, outcome(0, "a\n", ""),
                Mode.WITH_AGENT, outcome(1, "a\n", ""))::assertIdentical);
    }

    @Test
    void outcomes_read_key_value_lines_as_text_numbers_and_bits() {
        Outcome o = outcome(0, "x=1.5\nv=1.0,-2.5\nb=" + Double.doubleToRawLongBits(-0.0) + "\nx2=7\n", "");
        assertTrue(o.number("x") == 1.5 && o.numbers("v")[1] == -2.5 && o.value("x2").equals("7"));
        assertTrue(Double.doubleToRawLongBits(o.bits("b")) == Double.doubleToRawLongBits(-0.0));
        assertThrows(AssertionFailedError.class, () -> o.value("missing"));
    }
}
