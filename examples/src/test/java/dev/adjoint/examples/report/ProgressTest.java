package dev.adjoint.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void without_a_terminal_it_prints_a_plain_line_every_tenth_of_the_run_and_at_the_end() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try (Progress progress = Progress.start("train", 95)) {
            for (int s = 1; s <= 95; s++) {
                progress.step(5.0 / s);
            }
        } finally {
            System.setOut(saved);
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");

        assertEquals(null, System.console(), "the tests run without a terminal");
        assertEquals(10, lines.length, String.join("\n", lines));
        assertTrue(lines[0].startsWith("train: step 10/95  loss 0.5000  "), lines[0]);
        assertTrue(lines[9].startsWith("train: step 95/95  loss 0.0526  "), lines[9]);
        assertTrue(lines[9].matches(".* steps/s  0:00:00 left"), lines[9]);
        for (String line : lines) {
            assertEquals(-1, line.indexOf('\u001b'), "no terminal control codes: " + line);
        }
    }
}
