package dev.adjoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.adjoint.it.harness.Comparison;
import dev.adjoint.it.harness.Launch;
import dev.adjoint.it.harness.Mode;
import dev.adjoint.it.harness.Outcome;
import dev.adjoint.it.harness.Project;
import dev.adjoint.it.harness.TestPrograms;

/**
 * The agent never changes what a program does: a program that does not call AD prints the same bytes with and
 * without it, even while the agent prepares derivative code for its {@code Differentiable} classes.
 */
class TransparencyTest {

    /** The program of src/test/programs/transparency, with the API it implements on the class path. */
    static Launch transparency() {
        // ad.jar on the class path too, because the program's classes implement Differentiable
        return Launch.of("Transparency").classPath(TestPrograms.jar("transparency"), Project.agentJar());
    }

    @Test
    void a_program_that_never_calls_AD_prints_the_same_bytes_with_and_without_the_agent() {
        Comparison c = transparency().runIn(Mode.PLAIN, Mode.WITH_AGENT).assertIdentical();
        assertRanToTheEnd(c.first());
    }

    /** Guards against two runs that are identical because both failed early. */
    static void assertRanToTheEnd(Outcome o) {
        o.assertSucceeded();
        assertEquals("2", o.values("round").get(1), o::describe);
        assertEquals("/ by zero", o.values("exceptions.div").get(1), o::describe);
        assertEquals(16, o.value("checksum").length(), o::describe);
    }
}
