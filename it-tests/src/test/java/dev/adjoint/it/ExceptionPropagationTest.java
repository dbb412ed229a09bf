package dev.adjoint.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.adjoint.it.harness.Launch;
import dev.adjoint.it.harness.Outcome;
import dev.adjoint.it.harness.TestPrograms;

/**
 * An exception thrown by a function being differentiated reaches the caller as the function threw it, and the
 * engine is fine afterwards. One JVM runs src/test/programs/exceptions/Throwing.java for all the cases.
 */
class ExceptionPropagationTest {

    private static Outcome run;

    @BeforeAll
    static void launch() {
        run = Launch.of("Throwing").classPath(TestPrograms.jar("exceptions")).run().assertSucceeded();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = ';', value = {
        "iae;   java.lang.IllegalArgumentException|negative input: -1.0",
        "own;   Throwing$Overflow|too large: 150.0",
        "arith; java.lang.ArithmeticException|/ by zero",
        "index; java.lang.ArrayIndexOutOfBoundsException|Index 2 out of bounds for length 2",
    })
    void exception_reaches_the_caller_with_the_class_and_message_of_a_direct_call(String name, String thrown) {
        assertEquals(thrown, run.value(name + ".direct"), run::describe);
        assertEquals(thrown, run.value(name + ".ad"), run::describe);
    }

    @Test
    void the_next_gradient_in_the_same_jvm_is_right() {
        // d/dx x^1.5 at 4
        assertEquals(1.5 * Math.sqrt(4), run.number("after.iae"), 1e-15, run::describe);
        // d/dx 1.5^10 exp(x/10) at 2
        assertEquals(Math.pow(1.5, 10) * Math.exp(0.2) / 10, run.number("after.own"), 1e-13, run::describe);
        // d/dx x^2 (7 / 3) at 3, the integer division being 2
        assertEquals(12.0, run.number("after.arith"), 1e-15, run::describe);
        // the gradient of v0^3 + v1^3 at (1, 2)
        assertArrayEquals(new double[] {3, 12}, run.numbers("after.index"), 1e-15, run::describe);
    }
}
