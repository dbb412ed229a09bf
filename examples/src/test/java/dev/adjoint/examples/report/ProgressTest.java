package dev.adjoint.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void off_a_terminal_it_prints_a_plain_line_every_tenth_of_the_run() {
        // the tests' JVM has no console, as when the output goes to a file or a pipe
        String printed = printedBy(() -> {
            try (Progress progress = Progress.start("training", 95)) {
                for (int k = 1; k <= 95; k++) {
                    progress.step(1.0 / k);
                }
            }
        });

        String[] lines = printed.split("\n");
        assertEquals(10, lines.length, printed);
        assertTrue(lines[0].startsWith("training: step 10/95  loss 0.1000  "), lines[0]);
        assertTrue(lines[9].startsWith("training: step 95/95  loss 0.01053  "), lines[9]);
        assertTrue(lines[9].endsWith("0:00:00 left"), lines[9]);
        assertTrue(lines[4].matches(".* [0-9.]+ steps/s  \\d+:\\d\\d:\\d\\d left"), lines[4]);
        assertFalse(printed.contains("\u001b"), "no terminal escape codes");
        assertFalse(printed.contains("\r"), "no carriage returns");
    }

    @Test
    void a_short_run_prints_every_step() {
        String printed = printedBy(() -> {
            try (Progress progress = Progress.start("short", 3)) {
                progress.step(3);
                progress.step(2);
                progress.step(1);
            }
        });
        assertEquals(3, printed.split("\n").length, printed);
    }

    private static String printedBy(Runnable run) {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
