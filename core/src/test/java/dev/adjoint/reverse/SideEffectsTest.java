package dev.adjoint.reverse;

import static dev.adjoint.testing.Check.analytic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.subjects.Effects;

class SideEffectsTest {

    @Test
    void printing_and_string_building_run_once_and_do_not_change_the_derivative() {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int before = Effects.TRACE.length();
        double g;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            g = AD.gradient(Effects::printing, 0.5);
        } finally {
            System.setOut(saved);
        }
        assertEquals(2 * 0.5 * Math.sin(0.5) + 0.25 * Math.cos(0.5), g, 1e-15);
        assertEquals("x=0.5 y=0.25" + System.lineSeparator(), captured.toString(StandardCharsets.UTF_8));
        assertEquals("printing 0.25\n", Effects.TRACE.substring(before));
    }

    @Test
    void synchronized_blocks_and_methods_take_and_release_their_locks() {
        double x = 0.8;
        analytic(Effects::lockedBlock, x, Math.exp(x) * (1 + x) + 3 * x * x, 1e-14);
        analytic(Effects::lockedInstanceCall, x, Math.cos(x) - x * Math.sin(x), 1e-14);
        // the locks are free again: another thread can take them
        Thread t = new Thread(() -> Effects.lockedBlock(1.0));
        t.start();
        assertTrue(join(t), "lock released");
    }

    private static boolean join(Thread t) {
        try {
            t.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }
}
