package dev.adjoint.it.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Programs are compiled for real, for the release asked, once per test run. */
class TestProgramsTest {

    @Test
    void a_program_is_compiled_for_release_17_once_and_shared() {
        Path jar = TestPrograms.jar("probe");
        assertEquals(61, TestPrograms.majorVersion(jar, "Probe"));
        assertSame(jar, TestPrograms.jar("probe"));
        assertEquals(Project.buildDirectory().resolve("it-programs"), jar.getParent());
    }

    @Test
    void a_marker_comment_gives_the_line_a_test_expects() throws Exception {
        int line = TestPrograms.lineOf("notdifferentiable", "Prog.java", "// reinterpreted");
        String text = Files.readAllLines(TestPrograms.source("notdifferentiable", "Prog.java")).get(line - 1);
        assertEquals(true, text.contains("Double.doubleToRawLongBits(x)"));
        assertThrows(IllegalArgumentException.class, () -> TestPrograms.lineOf("notdifferentiable", "Prog.java",
                "no such marker"));
    }
}
