package dev.adjoint.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.NotDifferentiableException;
import dev.adjoint.subjects.Refused;

class RefusalTest {

    @Test
    void reinterpreting_bits_is_refused_with_class_method_line_and_construct() {
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class,
                () -> AD.gradient(Refused::bitTrick, -1.5));
        assertEquals("dev.adjoint.subjects.Refused", e.className());
        assertEquals("bitTrick", e.methodName());
        assertTrue(e.line() > 0, "line " + e.line());
        assertTrue(e.construct().contains("bit reinterpretation"), e.getMessage());
        assertTrue(e.getMessage().contains("Refused.java:" + e.line()), e.getMessage());
    }

    @Test
    void bits_turned_back_into_arithmetic_through_integer_code_are_refused() {
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class,
                () -> AD.gradient(Refused::exponentOf, 3.0));
        assertEquals("exponentOf", e.methodName());
    }

    @Test
    void bits_that_only_steer_control_flow_are_allowed() {
        assertEquals(2 * 1.5, AD.gradient(Refused::bitsOnlyCompared, 1.5), 1e-15);
    }

    @Test
    void reflection_is_refused() {
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class,
                () -> AD.gradient(x -> Refused.reflection(x), 2.0));
        assertTrue(e.construct().contains("reflection"), e.getMessage());
        assertEquals("reflection", e.methodName());
    }

    @Test
    void another_thread_is_refused() {
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class,
                () -> AD.gradient(x -> Refused.anotherThread(x), 2.0));
        assertTrue(e.construct().contains("another thread"), e.getMessage());
        NotDifferentiableException f = assertThrows(NotDifferentiableException.class,
                () -> AD.gradient(x -> Refused.executor(x), 2.0));
        assertTrue(f.construct().contains("another thread"), f.getMessage());
    }

    @Test
    void a_native_method_without_a_rule_is_refused_before_it_runs() {
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class,
                () -> AD.gradient(Refused::nativeMethod, 2.0));
        assertTrue(e.construct().contains("native method"), e.getMessage());
        assertEquals("nativeMethod", e.methodName());
    }

    @Test
    void a_jdk_method_that_would_drop_the_derivative_is_refused() {
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class,
                () -> AD.gradient(Refused::viaStream, new double[] {3, 1, 2}));
        assertTrue(e.construct().contains("java.util.Arrays.stream"), e.getMessage());
    }

    private static double rethrow(Exception e) {
        throw new IllegalStateException(e);
    }
}
