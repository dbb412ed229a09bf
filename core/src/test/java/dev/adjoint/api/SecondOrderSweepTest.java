package dev.adjoint.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.ScalarFunction;
import dev.adjoint.subjects.Arithmetic;
import dev.adjoint.subjects.Calls;
import dev.adjoint.subjects.Control;
import dev.adjoint.subjects.Effects;
import dev.adjoint.subjects.Exceptional;
import dev.adjoint.subjects.Fields;
import dev.adjoint.subjects.Idioms;
import dev.adjoint.subjects.Mutation;
import dev.adjoint.subjects.Vectors;
import dev.adjoint.testing.Generated;
import dev.adjoint.testing.Oracle;

/**
 * Second derivatives of every subject of the first-order tests, by forward over reverse, against central
 * differences of the reverse-mode gradient: the generated derivative code of each construct is itself
 * differentiated.
 */
class SecondOrderSweepTest {

    static Stream<Arguments> scalarSubjects() {
        List<Arguments> out = new ArrayList<>();
        for (Class<?> c : new Class<?>[] {Arithmetic.class, Calls.class, Control.class, Effects.class,
                Exceptional.class, Fields.class, Idioms.class}) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers())
                        && m.getReturnType() == double.class && m.getParameterCount() == 1
                        && m.getParameterTypes()[0] == double.class && !m.getName().equals("swallowsARefusal")) {
                    out.add(Arguments.of(c.getSimpleName() + "." + m.getName(), m));
                }
            }
        }
        return out.stream();
    }

    static Stream<Arguments> vectorSubjects() {
        List<Arguments> out = new ArrayList<>();
        for (Class<?> c : new Class<?>[] {Vectors.class, Mutation.class}) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers())
                        && m.getReturnType() == double.class && m.getParameterCount() == 1
                        && m.getParameterTypes()[0] == double[].class) {
                    out.add(Arguments.of(c.getSimpleName() + "." + m.getName(), m));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scalarSubjects")
    void scalar(String name, Method m) {
        ScalarFunction f = Generated.scalar(m);
        double x = 0.37;
        MultivariateFunction g = v -> f.apply(v[0]);
        double second = withLargeStack(() -> AD.hessian(g, new double[] {x})[0][0]);
        double h = 1e-5;
        double fd = (AD.gradient(f, x + h) - AD.gradient(f, x - h)) / (2 * h);
        assertTrue(Double.isFinite(second), name + ": " + second);
        assertEquals(fd, second, tolerance(name) * Math.max(1, Math.abs(fd)), name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorSubjects")
    void vector(String name, Method m) {
        MultivariateFunction f = Generated.vector(m);
        double[] x = {0.7, -0.4, 1.3, 0.2, -1.1, 0.9};
        double[][] hessian = AD.hessian(f, x);
        double[][] fd = Oracle.centralJacobian(p -> AD.gradient(f, p), x, 1e-5); // fd[i][j] = ∂gᵢ/∂xⱼ
        for (int j = 0; j < x.length; j++) {
            for (int i = 0; i < x.length; i++) {
                assertEquals(fd[i][j], hessian[j][i], tolerance(name) * Math.max(1, Math.abs(fd[i][j])),
                        name + " H[" + j + "][" + i + "]");
            }
        }
    }

    /**
     * Runs on a thread with a 16 MB stack: {@code Calls.recursion} recurses 2000 deep, and second-order frames,
     * interpreted on first use, are about twice the size of first-order ones (see docs/limitations.md).
     */
    private static double withLargeStack(java.util.function.DoubleSupplier body) {
        double[] result = new double[1];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = body.getAsDouble();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "second-order", 16L << 20);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        if (failure[0] instanceof RuntimeException) {
            throw (RuntimeException) failure[0];
        }
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
        return result[0];
    }

    /** Subjects that compute in {@code float}: differences of their gradients carry its rounding (1e-7 / 1e-5). */
    private static final java.util.Set<String> IN_FLOAT = java.util.Set.of("Calls.floatArguments",
            "Arithmetic.viaFloat", "Mutation.floatArrays", "Fields.instanceFields");

    private static double tolerance(String name) {
        return IN_FLOAT.contains(name) ? 1e-2 : 1e-5;
    }
}
