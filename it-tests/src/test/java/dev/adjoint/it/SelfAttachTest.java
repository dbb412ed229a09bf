package dev.adjoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.adjoint.it.harness.Launch;
import dev.adjoint.it.harness.Mode;
import dev.adjoint.it.harness.Outcome;
import dev.adjoint.it.harness.Project;
import dev.adjoint.it.harness.TestPrograms;

/** A JVM started without {@code -javaagent} but with {@code ad.jar} on the class path. */
class SelfAttachTest {

    /** src/test/programs/attach/Attach.java, with ad.jar as a library and no agent. */
    static Launch withoutJavaagent() {
        return Launch.of("Attach").classPath(TestPrograms.jar("attach"), Project.agentJar()).mode(Mode.PLAIN);
    }

    @Test
    void first_gradient_attaches_the_agent_and_says_so_once_on_standard_error() {
        assertAttachedOnceAndRight(withoutJavaagent().run());
    }

    static void assertAttachedOnceAndRight(Outcome o) {
        o.assertSucceeded();
        // d/dx x^3 at 2 and d/dx sin(x) at 0.5
        assertEquals(12.0, o.number("cube"), 1e-15, o::describe);
        assertEquals(Math.cos(0.5), o.number("sine"), 1e-15, o::describe);
        List<String> notes = o.stderrLines().stream().filter(l -> l.contains("attached the agent")).toList();
        assertEquals(1, notes.size(), o::describe);
        assertTrue(notes.get(0).startsWith("[adjoint] ") && notes.get(0).contains("-javaagent:"), o::describe);
    }
}
