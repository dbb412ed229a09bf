package dev.adjoint.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
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
