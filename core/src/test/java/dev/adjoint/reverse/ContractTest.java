package dev.adjoint.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.NotDifferentiableException;
import dev.adjoint.ScalarFunction;
import dev.adjoint.subjects.Calls;
import dev.adjoint.subjects.Control;

class ContractTest {

    static final class Boom extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Boom(String m) {
            super(m);
        }
    }

    /** The arguments of a message, as Commons Math's ExceptionContext keeps them. */
    static final class Context {
        final List<Object> arguments = new ArrayList<>();

        void add(Object... args) {
            arguments.addAll(java.util.Arrays.asList(args));
        }
    }

    /** As Commons Math's exceptions are built: the offending number goes, boxed, into a context for the message. */
    static class MathLikeException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final Context context = new Context();

        MathLikeException(Object... args) {
            context.add(args);
        }

        @Override
        public String getMessage() {
            return context.arguments.get(0) + " is not above " + context.arguments.get(1);
        }
    }

    static final class NotPositive extends MathLikeException {
        private static final long serialVersionUID = 1L;

        NotPositive(Number value) {
            super(value, 0);
        }
    }

    static double checkedSqrt(double x) {
        double s = x * 2;
        if (s <= 0) {
            throw new NotPositive(s);
        }
        return Math.sqrt(s);
    }

    static double explodesAboveOne(double x) {
        double y = x * x;
        if (y > 1) {
            throw new Boom("too big: " + y);
        }
        return y * Math.sin(x);
    }

    @Test
    void an_exception_thrown_by_the_function_propagates_unchanged_and_the_next_call_works() {
        Boom b = assertThrows(Boom.class, () -> AD.gradient(ContractTest::explodesAboveOne, 2.0));
        assertEquals("too big: 4.0", b.getMessage());
        assertEquals(2 * 0.5 * Math.sin(0.5) + 0.25 * Math.cos(0.5),
                AD.gradient(ContractTest::explodesAboveOne, 0.5), 1e-15);
    }

    @Test
    void an_exception_constructed_from_a_value_that_carries_a_derivative_propagates_unchanged() {
        NotPositive e = assertThrows(NotPositive.class, () -> AD.gradient(ContractTest::checkedSqrt, -1.0));
        assertEquals("-2.0 is not above 0", e.getMessage());
        assertEquals(0.5, AD.gradient(ContractTest::checkedSqrt, 2.0), 1e-15);
        assertThrows(NotPositive.class, () -> AD.derivative(ContractTest::checkedSqrt, -1.0));
    }

    @Test
    void an_exception_built_from_a_derivative_and_caught_inside_fails_the_gradient_instead_of_dropping_it() {
        ScalarFunction f = x -> {
            try {
                return checkedSqrt(x);
            } catch (NotPositive e) {
                return ((Number) e.context.arguments.get(0)).doubleValue();
            }
        };
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class, () -> AD.gradient(f, -1.0));
        assertTrue(e.getMessage().contains("caught inside the function"), e::getMessage);
        assertEquals(0.5, AD.gradient(f, 2.0), 1e-15);
    }

    @Test
    void checked_exceptions_propagate_too() {
        Exception cause = new java.io.IOException("disk");
        ScalarFunction f = x -> {
            if (x > 0) {
                throw sneaky(cause);
            }
            return x;
        };
        Exception e = assertThrows(Exception.class, () -> AD.gradient(f, 1.0));
        assertSame(cause, e);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    @Test
    void concurrent_gradients_give_the_sequential_results() throws Exception {
        ScalarFunction[] fs = {Calls::virtualDispatch, Calls::recursion, Control::newton, Calls::mutualRecursion};
        double[] xs = {0.3, 0.7, 1.1, 2.3};
        double[][] expected = new double[fs.length][xs.length];
        for (int i = 0; i < fs.length; i++) {
            for (int j = 0; j < xs.length; j++) {
                expected[i][j] = AD.gradient(fs[i], xs[j]);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[][]>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    double[][] out = new double[fs.length][xs.length];
                    for (int rep = 0; rep < 50; rep++) {
                        for (int i = 0; i < fs.length; i++) {
                            for (int j = 0; j < xs.length; j++) {
                                out[i][j] = AD.gradient(fs[i], xs[j]);
                            }
                        }
                    }
                    return out;
                }));
            }
            for (Future<double[][]> r : results) {
                double[][] got = r.get();
                for (int i = 0; i < fs.length; i++) {
                    for (int j = 0; j < xs.length; j++) {
                        assertEquals(expected[i][j], got[i][j], 0.0);
                    }
                }
            }
        } finally {
            pool.shutdown();
        }
    }
}
