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
    void a_task_for_another_thread_is_refused_as_such_even_when_the_function_wraps_what_it_catches() {
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class,
                () -> AD.gradient(x -> {
                    try {
                        return java.util.concurrent.CompletableFuture.supplyAsync(() -> x * x).get();
                    } catch (Exception caught) {
                        throw new IllegalStateException(caught);
                    }
                }, 2.0));
        assertTrue(e.getMessage().contains("another thread (java.util.concurrent.CompletableFuture.supplyAsync)"),
                e::getMessage);
        assertEquals(RefusalTest.class.getName(), e.className(), e::getMessage);
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
                () -> AD.gradient(Refused::viaGeometry, new double[] {3, 1, 2}));
        assertTrue(e.construct().contains("java.awt.geom.Point2D.distance"), e.getMessage());
    }

    private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[1]);

    @Test
    void a_stream_is_named_as_a_stream_and_a_thread_local_as_itself_not_as_another_thread() {
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class,
                () -> AD.gradient(x -> java.util.stream.DoubleStream.iterate(x, v -> 2 * v).limit(2).sum(), 1.0));
        assertTrue(e.construct().contains("a value that carries a derivative passed to a stream "
                + "(java.util.stream.DoubleStream.iterate)"), e.getMessage());
        assertTrue(e.getMessage().contains("DoubleStream.iterate(seed, hasNext, next)"), e.getMessage());
        // the way forward the message gives works
        double[] g = AD.gradient(v -> java.util.stream.DoubleStream.iterate(v[0], u -> u < 10, u -> 2 * u).sum(),
                new double[] {1.0});
        assertEquals(15, g[0], 1e-12); // 1 + 2 + 4 + 8 = 15 x, while below 10

        assertTrue(!e.construct().contains("thread"), e.getMessage());
        NotDifferentiableException f = assertThrows(NotDifferentiableException.class, () -> AD.gradient(x -> {
            double[] s = SCRATCH.get();
            s[0] = x * x;
            return s[0];
        }, 1.0));
        assertTrue(f.construct().contains("java.lang.ThreadLocal.get"), f.getMessage());
        assertTrue(!f.construct().contains("another thread"), f.getMessage());
        assertEquals("dev.adjoint.reverse.RefusalTest", f.className());
        assertTrue(f.line() > 0, f.getMessage());
    }

    @Test
    void a_rule_suggestion_names_the_method_as_the_call_names_it() {
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class, () -> AD.gradient(x -> {
            java.util.List<Double> l = new java.util.ArrayList<>(java.util.List.of(x, x * x));
            return l.spliterator().getExactSizeIfKnown() * x;
        }, 1.0));
        // a @Substitute takes effect on calls that name its target: this call names List, the method is ArrayList's
        assertTrue(e.getMessage().contains("java.util.ArrayList.spliterator"), e.getMessage());
        assertTrue(e.getMessage().contains("@Substitute for java.util.List.spliterator"), e.getMessage());
    }

    private static double rethrow(Exception e) {
        throw new IllegalStateException(e);
    }
}
