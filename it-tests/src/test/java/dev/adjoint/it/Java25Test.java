package dev.adjoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.adjoint.it.harness.Comparison;
import dev.adjoint.it.harness.Jdk;
import dev.adjoint.it.harness.Launch;
import dev.adjoint.it.harness.Mode;
import dev.adjoint.it.harness.Outcome;
import dev.adjoint.it.harness.Script;
import dev.adjoint.it.harness.TestPrograms;

/** Adjoint, built for Java 17, on Temurin 25: the newest LTS users will run it on. */
class Java25Test {

    private Jdk java25;

    @BeforeEach
    void requireJava25() {
        java25 = Jdk.require(Jdk.TEMURIN_25, 25);
    }

    @Test
    void seed_sine_on_java_25_prints_eleven_lines_and_the_gradient() {
        TaylorSineOutput.assertElevenLinesAndTheGradient(TaylorSineOutput.launch().jdk(java25).run());
    }

    @Test
    void a_program_compiled_for_release_25_is_differentiated_on_java_25() {
        Path jar = TestPrograms.jar("modern", java25, 25);
        assertEquals(69, TestPrograms.majorVersion(jar, "Modern"), "class file version of Java 25");
        Outcome o = Launch.of("Modern").classPath(jar).jdk(java25).args("0.8", "1.7", "2.9").run()
                .assertSucceeded();
        assertEquals("25", o.value("java"), o::describe);
        for (double x : new double[] {0.8, 1.7, 2.9}) {
            double expected = 14 * x + 2 * Math.cos(x) - 2 * Math.exp(-x) + 3 * (x - 1);
            assertEquals(expected, o.number("gradient(" + x + ")"), 1e-13 * Math.abs(expected), o::describe);
        }
    }

    @Test
    void a_program_that_never_calls_AD_prints_the_same_bytes_on_java_25_with_and_without_the_agent() {
        Comparison c = TransparencyTest.transparency().jdk(java25).runIn(Mode.PLAIN, Mode.WITH_AGENT)
                .assertIdentical();
        TransparencyTest.assertRanToTheEnd(c.first());
    }

    @Test
    void the_first_gradient_on_java_25_without_javaagent_attaches_the_agent() {
        // Java 21 and later also warn about the dynamically loaded agent; the note must still come once
        SelfAttachTest.assertAttachedOnceAndRight(SelfAttachTest.withoutJavaagent().jdk(java25).run());
    }

    @Test
    void ad_runs_on_the_java_25_given_as_JAVA_HOME() {
        Outcome version = Script.ad().jdk(java25).args("--version").run().assertSucceeded();
        assertTrue(version.stdoutLines().get(1).startsWith("Java 25"), version::describe);
        Outcome sine = Script.ad().jdk(java25).args("example", "sine").run().assertSucceeded();
        assertEquals(Math.cos(1), LauncherTest.gradient(sine, "1.0"), 1e-8, sine::describe);
    }
}
