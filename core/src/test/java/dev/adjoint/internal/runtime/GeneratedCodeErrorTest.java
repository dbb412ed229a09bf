package dev.adjoint.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.adjoint.NotDifferentiableException;

class GeneratedCodeErrorTest {

    private static StackTraceElement frame(String c, String m) {
        return new StackTraceElement(c, m, c + ".java", 10);
    }

    @Test
    void a_linkage_error_raised_in_generated_code_becomes_a_refusal_that_names_the_class() {
        IllegalAccessError e = new IllegalAccessError("failed to access class a.b.Hidden from class "
                + "c.d.Stats$$Adjoint/0x0000000800c01000 (in unnamed module)");
        e.setStackTrace(new StackTraceElement[] {frame("dev.adjoint.AD", "gradient"), frame("app.Main", "main")});
        Throwable t = Refusals.fromGeneratedCode(e);
        NotDifferentiableException n = (NotDifferentiableException) t;
        assertEquals("c.d.Stats", n.className());
        assertTrue(n.getMessage().contains("IllegalAccessError"), n.getMessage());
        assertSame(e, n.getCause());
    }

    @Test
    void a_linkage_error_of_the_functions_own_code_is_left_alone() {
        NoClassDefFoundError e = new NoClassDefFoundError("com/example/Missing");
        e.setStackTrace(new StackTraceElement[] {frame("com.example.Loader", "load"), frame("dev.adjoint.AD",
                "gradient")});
        assertSame(e, Refusals.fromGeneratedCode(e));
        IllegalStateException other = new IllegalStateException("boom");
        assertSame(other, Refusals.fromGeneratedCode(other));
    }
}
