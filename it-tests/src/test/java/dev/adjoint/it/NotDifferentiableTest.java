package dev.adjoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.adjoint.it.harness.Launch;
import dev.adjoint.it.harness.Outcome;
import dev.adjoint.it.harness.TestPrograms;

/**
 * A function that reinterprets the bits of a value that carries a derivative is refused with a
 * {@code NotDifferentiableException} that says where and what, instead of returning a wrong number.
 */
class NotDifferentiableTest {

    private static Outcome run;
    private static int line;

    @BeforeAll
    static void launch() {
        line = TestPrograms.lineOf("notdifferentiable", "Prog.java", "// reinterpreted");
        run = Launch.of("Prog").classPath(TestPrograms.jar("notdifferentiable")).run().assertSucceeded();
    }

    @Test
    void bit_reinterpretation_is_refused_with_the_class_method_line_and_construct() {
        assertEquals("Prog", run.value("className"), run::describe);
        assertEquals("abs", run.value("methodName"), run::describe);
        assertEquals(Integer.toString(line), run.value("line"), run::describe);
        String construct = run.value("construct");
        assertTrue(construct.contains("bit reinterpretation") && construct.contains("java.lang.Double."),
                run::describe);
    }

    @Test
    void the_message_names_the_place_as_a_stack_trace_does_and_the_construct() {
        String message = run.value("message");
        assertTrue(message.contains(" at Prog.abs(Prog.java:" + line + ")"), run::describe);
        assertTrue(message.contains(run.value("construct")), run::describe);
    }

    @Test
    void the_function_still_runs_directly_and_the_next_gradient_is_right() {
        assertEquals(Math.sin(-0.5) * 0.5, run.number("direct"), 0.0, run::describe);
        assertEquals(6.0, run.number("after"), 0.0, run::describe);
    }
}
