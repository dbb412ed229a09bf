package dev.adjoint.inline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.internal.bytecode.ClassHierarchy;
import dev.adjoint.internal.engine.Companion;
import dev.adjoint.internal.engine.Engine;
import dev.adjoint.internal.listing.AdjointListing;
import dev.adjoint.testing.Oracle;

/**
 * Calls that dispatch on their receiver, inlined before differentiating (ir.Inlining) where the method that runs is
 * known: on an object the method allocated (an interface with its implementation, an abstract class with its
 * subclass, an anonymous class), or behind a guard on the receiver's class where the class the call names is
 * concrete. Two classes that may reach one call, and lambdas, keep the call. Every gradient is checked against
 * central differences, a guarded one also on an object of a subclass loaded after the companion was generated.
 */
class VirtualInliningTest {

    interface Shape {
        double area();
    }

    static final class Disc implements Shape {
        private final double radius;

        Disc(double radius) {
            this.radius = radius;
        }

        @Override
        public double area() {
            return Math.PI * radius * radius;
        }
    }

    static final class Square implements Shape {
        private final double side;

        Square(double side) {
            this.side = side;
        }

        @Override
        public double area() {
            return side * side;
        }
    }

    static double discThroughItsInterface(double[] x) {
        Shape s = new Disc(x[0]);
        return s.area() * x[1];
    }

    static double eitherShape(double[] x) {
        Shape s = x[1] > 0 ? new Disc(x[0]) : new Square(x[0]);
        return s.area() * x[1];
    }

    abstract static class Spring {
        abstract double force(double stretch);
    }

    static final class Linear extends Spring {
        private final double stiffness;

        Linear(double stiffness) {
            this.stiffness = stiffness;
        }

        @Override
        double force(double stretch) {
            return -stiffness * stretch;
        }
    }

    static double springThroughItsBase(double[] x) {
        Spring spring = new Linear(x[0]);
        double s = 0;
        for (int i = 1; i <= 10; i++) {
            s += spring.force(x[1] * i);
        }
        return s;
    }

    /** A class nothing final: a subclass may override its method, so the call is inlined behind a guard. */
    static class Rate {
        double apply(double s) {
            return s * 0.9 + 1e-3;
        }
    }

    /** Loaded only by the test of the guard's other branch, after the guarded companion was generated. */
    static final class LateRate extends Rate {
        @Override
        double apply(double s) {
            return Math.sin(s) * 0.5 + 0.1;
        }
    }

    static double steps(Rate rate, double[] x) {
        double s = x[0];
        for (int i = 0; i < 20; i++) {
            s = rate.apply(s) * x[1];
        }
        return s;
    }

    static double steps(double[] x) {
        return steps(new Rate(), x);
    }

    /** EJML's shape: an output argument, allocated when the caller passed none. */
    static double stepsOrDefault(Rate rate, double[] x) {
        if (rate == null) {
            rate = new Rate();
        }
        double s = x[0];
        for (int i = 0; i < 20; i++) {
            s = rate.apply(s) * x[1];
        }
        return s;
    }

    static double anonymousOperator(double[] x) {
        double k = 3;
        DoubleUnaryOperator f = new DoubleUnaryOperator() {
            @Override
            public double applyAsDouble(double v) {
                return k * v * v;
            }
        };
        return f.applyAsDouble(x[0]) + f.applyAsDouble(x[1]);
    }

    static double lambdaOperator(double[] x) {
        double k = 3;
        DoubleUnaryOperator f = v -> k * v * v;
        return f.applyAsDouble(x[0]) + f.applyAsDouble(x[1]);
    }

    private static final double[] X = {1.3, 0.7};

    @Test
    void an_interface_call_on_an_object_the_method_allocated_is_inlined_without_a_guard() throws Exception {
        String notes = notes("discThroughItsInterface", "([D)D");
        assertTrue(notes.contains("inlined dev/adjoint/inline/VirtualInliningTest$Disc.area()D"), notes);
        assertFalse(notes.contains("guarded"), notes);
        check(VirtualInliningTest::discThroughItsInterface, X);
    }

    @Test
    void an_abstract_method_called_on_the_one_subclass_allocated_is_inlined_without_a_guard() throws Exception {
        String notes = notes("springThroughItsBase", "([D)D");
        assertTrue(notes.contains("inlined dev/adjoint/inline/VirtualInliningTest$Linear.force(D)D"), notes);
        assertFalse(notes.contains("guarded"), notes);
        check(VirtualInliningTest::springThroughItsBase, X);
    }

    @Test
    void an_interface_call_that_two_classes_may_reach_keeps_its_call() throws Exception {
        assertFalse(notes("eitherShape", "([D)D").contains("area"));
        check(VirtualInliningTest::eitherShape, X);
        check(VirtualInliningTest::eitherShape, new double[] {1.3, -0.7});
    }

    @Test
    void a_method_of_a_concrete_class_is_inlined_behind_a_guard_on_the_receiver_class() throws Exception {
        String notes = notes("steps", "(Ldev/adjoint/inline/VirtualInliningTest$Rate;[D)D");
        assertTrue(notes.contains("inlined dev/adjoint/inline/VirtualInliningTest$Rate.apply(D)D, guarded: "
                + "receiver of class dev/adjoint/inline/VirtualInliningTest$Rate, else the call"), notes);
        check(VirtualInliningTest::steps, X);
    }

    @Test
    void a_subclass_loaded_after_the_guarded_companion_takes_the_call_and_its_own_derivative() {
        check(VirtualInliningTest::steps, X); // the companion of steps(Rate, double[]) is generated with Rate seen
        check(x -> steps(new LateRate(), x), X);
        check(x -> steps(new Rate() {
            @Override
            double apply(double s) {
                return Math.cos(s) * 0.8;
            }
        }, x), X);
    }

    @Test
    void a_parameter_replaced_by_an_allocation_when_null_is_of_unknown_class_and_keeps_its_guard() throws Exception {
        check(x -> stepsOrDefault(null, x), X);
        assertEquals(stepsOrDefault(new LateRate(), X.clone()),
                AD.valueAndGradient(x -> stepsOrDefault(new LateRate(), x), X).value(), 1e-15,
                "the subclass's own method runs");
        check(x -> stepsOrDefault(new LateRate(), x), X);
        String notes = notes("stepsOrDefault", "(Ldev/adjoint/inline/VirtualInliningTest$Rate;[D)D");
        assertTrue(notes.contains("guarded: receiver of class dev/adjoint/inline/VirtualInliningTest$Rate"), notes);
    }

    @Test
    void an_anonymous_class_allocated_in_the_method_is_inlined() throws Exception {
        String notes = notes("anonymousOperator", "([D)D");
        assertTrue(notes.contains("applyAsDouble"), notes);
        assertEquals(6 * X[0], AD.gradient(VirtualInliningTest::anonymousOperator, X)[0], 1e-14);
        check(VirtualInliningTest::anonymousOperator, X);
    }

    @Test
    void a_lambda_keeps_its_call() throws Exception {
        assertFalse(notes("lambdaOperator", "([D)D").contains("applyAsDouble"));
        check(VirtualInliningTest::lambdaOperator, X);
    }

    /** The listing's notes on what was inlined, checked to be what {@code ad show} prints. */
    private static String notes(String name, String desc) throws Exception {
        ClassHierarchy hierarchy =
                new ClassHierarchy(ClassHierarchy.ClassBytes.of(VirtualInliningTest.class.getClassLoader()));
        byte[] bytes;
        try (InputStream in = VirtualInliningTest.class.getResourceAsStream("VirtualInliningTest.class")) {
            bytes = in.readAllBytes();
        }
        Companion c = Engine.standard(true).generate(bytes, name, desc, hierarchy, Engine.Mode.REVERSE);
        String shown = AdjointListing.of(c, Engine.Mode.REVERSE);
        StringBuilder out = new StringBuilder();
        for (String line : c.listing().split("\n")) {
            if (line.contains("before differentiating: ")) {
                assertTrue(shown.contains(line.trim()), shown);
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private static void check(MultivariateFunction f, double[] x) {
        double[] g = AD.gradient(f, x);
        double[] fd = Oracle.centralGradient(f::apply, x);
        for (int k = 0; k < x.length; k++) {
            assertEquals(fd[k], g[k], 1e-6 * Math.max(1, Math.abs(fd[k])), "component " + k);
        }
    }
}
