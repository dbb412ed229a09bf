package dev.adjoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.adjoint.it.harness.Jdk;
import dev.adjoint.it.harness.Launch;
import dev.adjoint.it.harness.Outcome;
import dev.adjoint.it.harness.Project;
import dev.adjoint.it.harness.Script;
import dev.adjoint.it.harness.TestPrograms;

/** {@code ad show} and {@code ad check} as users run them: {@code bin/ad}, and the shaded CLI jar under ad.jar. */
class CliTest {

    private static final String SINE = "dev.adjoint.examples.sine.TaylorSine#sine";

    @Test
    void ad_show_prints_the_seed_sine_as_primal_and_pullback() {
        Outcome o = Script.ad().args("show", SINE).run().assertSucceeded();
        assertTrue(o.stdout().startsWith("Reverse mode of dev.adjoint.examples.sine.TaylorSine.sine"), o::describe);
        assertTrue(o.stdout().contains("TaylorSine.sine(double x) → double"), o::describe);
        assertTrue(o.stdout().contains("tape ← ∂") && o.stdout().contains("Δx += "), o::describe);
        assertEquals("", o.stderr(), o::describe);
    }

    @Test
    void ad_check_passes_the_seed_sine_with_cos_1_and_sends_its_prints_to_standard_error() {
        Outcome o = Script.ad().args("check", SINE, "--at", "1.0", "--mode", "both").run().assertSucceeded();
        List<String> rows = rows(o);
        assertEquals(2, rows.size(), o::describe);
        for (String row : rows) {
            assertTrue(row.endsWith("  ok"), o::describe);
            assertEquals(Math.cos(1), Double.parseDouble(cells(row)[3]), 1e-8, o::describe);
        }
        assertTrue(o.stderrLines().contains("i=11") && !o.stdout().contains("i=1\n"), o::describe);
    }

    @Test
    void ad_check_differentiates_a_users_jar_and_fails_on_a_jump() {
        Path jar = TestPrograms.jar("lens");
        Outcome focus = Script.ad().args("check", "com.example.Lens#focus", "--at", "2,3", "--cp", jar.toString())
                .run().assertSucceeded();
        // f = ab/(a+b): df/da = b²/(a+b)², df/db = a²/(a+b)²
        assertEquals(9.0 / 25, Double.parseDouble(cells(rows(focus).get(0))[2]), 1e-15, focus::describe);
        assertEquals(4.0 / 25, Double.parseDouble(cells(rows(focus).get(1))[2]), 1e-15, focus::describe);

        Outcome chain = Script.ad().args("check", "com.example.Lens#chain", "--at", "0,1.5,2", "--cp",
                jar.toString()).run().assertSucceeded();
        assertEquals(List.of("x[0]", "x[1]", "x[2]"), rows(chain).stream().map(r -> cells(r)[0]).toList(),
                chain::describe);

        Outcome jump = Script.ad().args("check", "com.example.Lens#jump", "--at", "1", "--cp", jar.toString()).run()
                .assertExitCode(1);
        assertTrue(rows(jump).get(0).endsWith("FAIL"), jump::describe);
    }

    @Test
    void bad_input_exits_two_with_one_line(@TempDir Path dir) throws IOException {
        Path corrupt = Files.write(dir.resolve("broken.jar"), new byte[] {1, 2, 3, 4, 5});
        Outcome o = Script.ad().args("show", "com.example.Lens#focus", "--cp", corrupt.toString()).run()
                .assertExitCode(2);
        assertEquals(1, o.stderrLines().size(), o::describe);
        assertTrue(o.stderr().startsWith("ad: not a jar file, or a corrupt one: " + corrupt), o::describe);
        Outcome unknown = Script.ad().args("check", "com.example.Nope#f", "--at", "1").run().assertExitCode(2);
        assertEquals(1, unknown.stderrLines().size(), unknown::describe);
        assertEquals("", unknown.stdout(), unknown::describe);
    }

    @Test
    void the_shaded_cli_jar_runs_show_and_check_under_the_agent() {
        Launch ad = Launch.of("dev.adjoint.cli.AdCommand").classPath(Project.cliJar(), TestPrograms.jar("lens"));
        Outcome show = ad.args("show", "com.example.Lens#focus", "--mode", "forward").run().assertSucceeded();
        assertTrue(show.stdout().contains("focus$tan, the tangent method"), show::describe);
        Outcome bytecode = ad.args("show", "com.example.Lens#focus", "--bytecode").run().assertSucceeded();
        assertTrue(bytecode.stdout().contains("focus$rev(Ldev/adjoint/internal/runtime/Tape;D)V"),
                bytecode::describe);
        Outcome check = ad.args("check", "com.example.Lens#focus", "--at", "1,1").run().assertSucceeded();
        assertEquals(0.25, Double.parseDouble(cells(rows(check).get(0))[2]), 1e-15, check::describe);
    }

    @Test
    void ad_check_runs_on_java_25() {
        Jdk java25 = Jdk.require(Jdk.TEMURIN_25, 25);
        Outcome o = Script.ad().jdk(java25).args("check", "com.example.Lens#chain", "--at", "0.5,1,3", "--cp",
                TestPrograms.jar("lens").toString(), "--mode", "both").run().assertSucceeded();
        assertEquals(6, rows(o).size(), o::describe);
    }

    /** The table rows of a check: between the header line and the verdict. */
    private static List<String> rows(Outcome o) {
        List<String> lines = o.stdoutLines();
        int header = 0;
        while (header < lines.size() && !lines.get(header).trim().startsWith("component")) {
            header++;
        }
        assertTrue(header < lines.size(), o::describe);
        return lines.subList(header + 1, lines.size() - 1);
    }

    private static String[] cells(String row) {
        return Arrays.stream(row.trim().split("\\s{2,}")).toArray(String[]::new);
    }
}
