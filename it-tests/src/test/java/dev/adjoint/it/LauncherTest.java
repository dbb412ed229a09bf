package dev.adjoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.adjoint.it.harness.Outcome;
import dev.adjoint.it.harness.Script;

/** {@code bin/ad}, the command users type. */
class LauncherTest {

    private static final String REVERSE = "d/dx sine(x) at x = ";

    @Test
    void ad_example_sine_exits_zero_and_prints_the_gradient() {
        Outcome o = Script.ad().args("example", "sine").run().assertSucceeded();
        assertEquals(Math.cos(1), gradient(o, "1.0"), 1e-8, o::describe);
        assertEquals(Math.cos(1), derivative(o, "1.0", "forward"), 1e-8, o::describe);
        // the function's own println runs once per mode
        assertEquals(2, o.stdoutLines().stream().filter("i=11"::equals).count(), o::describe);
    }

    @Test
    void ad_example_sine_at_another_point_differentiates_there() {
        Outcome o = Script.ad().args("example", "sine", "--x", "0.5").run().assertSucceeded();
        assertEquals(Math.cos(0.5), gradient(o, "0.5"), 1e-10, o::describe);
    }

    @Test
    void ad_version_exits_zero_and_names_the_engine_and_the_java_it_runs_on() {
        Outcome o = Script.ad().args("--version").run().assertSucceeded();
        List<String> lines = o.stdoutLines();
        assertTrue(lines.get(0).startsWith("ad ") && lines.get(0).contains("engine"), o::describe);
        assertTrue(lines.get(1).startsWith("Java " + System.getProperty("java.version") + " "), o::describe);
    }

    @Test
    void ad_help_exits_zero_and_lists_the_example_command() {
        Outcome o = Script.ad().args("--help").run().assertSucceeded();
        assertTrue(o.stdout().startsWith("Usage: ad "), o::describe);
        assertTrue(o.stdoutLines().stream().anyMatch(l -> l.trim().startsWith("example ")), o::describe);
    }

    @Test
    void unknown_example_exits_two_with_a_one_line_error() {
        Outcome o = Script.ad().args("example", "no-such-example").run().assertExitCode(2);
        assertEquals(1, o.stderrLines().size(), o::describe);
        String error = o.stderrLines().get(0);
        assertTrue(error.startsWith("ad: ") && error.contains("'no-such-example'") && error.contains("sine"),
                o::describe);
        assertEquals("", o.stdout(), o::describe);
    }

    @Test
    void ad_example_trebuchet_finds_its_chart_library_and_writes_its_loss_curve(@TempDir Path out) throws Exception {
        // XChart and progressbar come from examples/target/lib, which bin/ad puts on the class path
        Outcome o = Script.ad().args("example", "trebuchet", "--steps", "3", "--shots", "1", "--out", out.toString())
                .run().assertSucceeded();
        Path curve = out.resolve("trebuchet-loss.png");
        assertTrue(o.stdoutLines().contains("wrote " + curve), o::describe);
        assertTrue(ImageIO.read(curve.toFile()).getWidth() > 100, o::describe);
        assertTrue(o.stdoutLines().stream().anyMatch(l -> l.startsWith("speed-up: ")), o::describe);
        assertTrue(o.stdoutLines().stream().anyMatch(l -> l.startsWith("trebuchet: step 3/3  loss ")), o::describe);
        assertFalse(o.stdout().contains("\u001b"), "no terminal codes into a pipe");
    }

    /** The gradient from the line {@code d/dx sine(x) at x = X by reverse mode: G}. */
    static double gradient(Outcome o, String x) {
        return derivative(o, x, "reverse");
    }

    /** The derivative from the line {@code d/dx sine(x) at x = X by MODE mode: G}. */
    static double derivative(Outcome o, String x, String mode) {
        String prefix = REVERSE + x + " by " + mode + " mode: ";
        List<String> found = o.stdoutLines().stream().filter(l -> l.startsWith(prefix)).toList();
        assertEquals(1, found.size(), o::describe);
        return Double.parseDouble(found.get(0).substring(prefix.length()));
    }
}
