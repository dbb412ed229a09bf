package dev.adjoint.internal.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import dev.adjoint.ScalarFunction;

/**
 * {@code AD.gradient} and {@code AD.derivative} called inside a function that forward mode differentiates: the
 * tangent of the inner derivative, by differentiating the inner function's derivative code once more (forward over
 * reverse, or forward over forward). The inner derivative runs on a tape of its own, and the outer tangents stay
 * in the outer tape's shadows, so a perturbation of one level never leaks into the other (no perturbation
 * confusion). The lambdas such code creates are Adjoint's own classes, so the values they capture from the outer
 * function bring their tangents with them.
 */
final class Nested {

    static final MethodHandle GRADIENT;
    static final MethodHandle DERIVATIVE;
    private static final int RET_TAN = FieldSlots.instanceSlot(Tape.class, "retTan");

    static {
        MethodHandles.Lookup l = MethodHandles.lookup();
        MethodType t = MethodType.methodType(double.class, ScalarFunction.class, double.class, Tape.class);
        try {
            GRADIENT = l.findStatic(Nested.class, "gradientTangent", t);
            DERIVATIVE = l.findStatic(Nested.class, "derivativeTangent", t);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Nested() {
    }

    /** The tangent code of {@code AD.gradient(f, x)}: returns the gradient, leaves its tangent in retTan. */
    static double gradientTangent(ScalarFunction f, double x, Tape outer) throws Throwable {
        double xTangent = outer.argTan[1];
        EntryPoint e = EntryPoint.of(f, "apply", "(D)D");
        Object[] captured = e.capturedCached(f);
        MethodHandle forward = e.secondOrder("fwd");
        MethodHandle reverse = e.secondOrder("rev");
        Tape inner = Tape.acquire();
        try {
            outer.argTan[0] = 0.0;
            outer.argTan[1] = xTangent;
            outer.retTan = 0.0;
            double y = (double) forward.invokeExact(captured, x, inner, outer);
            inner.forwardDone();
            rethrowPoison(inner, outer);
            outer.argTan[1] = 0.0; // the inner adjoint 1 is a constant
            reverse.invokeExact(inner, 1.0, outer);
            rethrowPoison(inner, outer);
            double[] tangents = outer.existingShadow(inner.argAdj);
            outer.retTan = tangents == null ? 0.0 : tangents[1];
            return inner.argAdj[1];
        } finally {
            inner.release();
        }
    }

    /** The tangent code of {@code AD.derivative(f, x)}: returns the derivative, leaves its tangent in retTan. */
    static double derivativeTangent(ScalarFunction f, double x, Tape outer) throws Throwable {
        double xTangent = outer.argTan[1];
        EntryPoint e = EntryPoint.of(f, "apply", "(D)D");
        Object[] captured = e.capturedCached(f);
        MethodHandle tangent = e.secondOrder("tan");
        Tape inner = Tape.acquire();
        try {
            inner.argTan[0] = 0.0;
            inner.argTan[1] = 1.0;
            inner.retTan = 0.0;
            outer.argTan[0] = 0.0;
            outer.argTan[1] = xTangent;
            outer.retTan = 0.0;
            double y = (double) tangent.invokeExact(captured, x, inner, outer);
            rethrowPoison(inner, outer);
            double[] tangents = outer.existingShadow(inner);
            outer.retTan = tangents == null ? 0.0 : tangents[RET_TAN];
            return inner.retTan;
        } finally {
            inner.release();
        }
    }

    private static void rethrowPoison(Tape inner, Tape outer) {
        RuntimeException reason = inner.poisoned() != null ? inner.poisoned() : outer.poisoned();
        if (reason != null) {
            throw reason;
        }
    }
}
