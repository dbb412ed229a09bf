package dev.adjoint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ad example lstm}, shrunk to seconds: its files, its checkpoint, its errors. */
class LstmExampleTest {

    @TempDir
    Path folder;

    /** Runs the command; the example prints to standard output, which is captured here. */
    private static String[] run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Ad ad;
        try {
            ad = Ad.run(args);
        } finally {
            System.setOut(saved);
        }
        return new String[] {String.valueOf(ad.exitCode), bytes.toString(StandardCharsets.UTF_8), ad.err};
    }

    private String[] tinyRun(int steps) {
        return run("example", "lstm", "--steps", String.valueOf(steps), "--depth", "1", "--hidden", "8",
                "--batch", "2", "--window", "5", "--out", folder.toString(), "--checkpoint",
                folder.resolve("run.ckpt").toString());
    }

    @Test
    void a_short_run_writes_its_loss_curve_and_checkpoint_and_names_them_and_a_second_run_resumes() throws IOException {
        String[] first = tinyRun(3);
        assertEquals("0", first[0], first[1] + first[2]);
        Path curve = folder.resolve("lstm-loss.png");
        assertTrue(first[1].contains("wrote " + curve), first[1]);
        assertTrue(first[1].contains("wrote " + folder.resolve("run.ckpt")), first[1]);
        assertTrue(ImageIO.read(curve.toFile()).getWidth() > 0);
        assertTrue(Files.size(folder.resolve("run.ckpt")) > 0);

        String[] second = tinyRun(5);
        assertEquals("0", second[0], second[1] + second[2]);
        assertTrue(second[1].contains("resumed from " + folder.resolve("run.ckpt") + " at step 3"), second[1]);
        assertTrue(second[1].contains("2 steps in "), second[1]);

        String[] third = tinyRun(4);
        assertEquals("0", third[0], third[1] + third[2]);
        assertTrue(third[1].contains("at step 5 (no steps left to --steps 4)"), third[1]);
        assertTrue(third[1].contains("wrote " + curve), third[1]);
    }

    @Test
    void a_checkpoint_of_another_depth_is_a_usage_error_that_names_the_options() {
        assertEquals("0", tinyRun(1)[0]);
        String[] deeper = run("example", "lstm", "--steps", "2", "--depth", "2", "--hidden", "8", "--out",
                folder.toString(), "--checkpoint", folder.resolve("run.ckpt").toString());
        assertEquals(String.valueOf(ExitCode.USAGE), deeper[0], deeper[1] + deeper[2]);
        assertTrue(deeper[2].startsWith("ad: ") && deeper[2].contains("--depth"), deeper[2]);
    }

    @Test
    void a_depth_of_zero_is_a_usage_error() {
        String[] r = run("example", "lstm", "--depth", "0");
        assertEquals(String.valueOf(ExitCode.USAGE), r[0], r[2]);
        assertTrue(r[2].contains("depth"), r[2]);
    }
}
