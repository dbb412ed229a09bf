package dev.adjoint.internal.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Calls, from differentiated code, of lambdas that were created outside it: the JDK's hidden classes, whose code
 * Adjoint cannot read. A serializable lambda reveals its body and captured values ({@code SerializedLambda}); the
 * call becomes a call of the body's derivative code through the same adapter that {@code AD} uses for the
 * function it is given. The captured values are constants of the function being differentiated, as they were
 * fixed before it ran. The adapter takes the captured values as its first parameter, so the positions of the
 * arguments' tangents and adjoints are shifted by one around the call.
 */
final class CapturedLambdas {

    private static final MethodHandle CAPTURED;
    private static final MethodHandle SHIFT_TANGENTS;
    private static final MethodHandle SHIFT_ADJOINTS;
    private static final MethodHandle SHIFT_ADJOINTS_AND_TANGENTS;

    static {
        MethodHandles.Lookup l = MethodHandles.lookup();
        try {
            CAPTURED = l.findVirtual(EntryPoint.class, "capturedCached",
                    MethodType.methodType(Object[].class, Object.class));
            SHIFT_TANGENTS = l.findStatic(CapturedLambdas.class, "shiftTangents",
                    MethodType.methodType(void.class, int.class, Tape.class));
            SHIFT_ADJOINTS = l.findStatic(CapturedLambdas.class, "shiftAdjoints",
                    MethodType.methodType(void.class, int.class, Throwable.class, Tape.class, double.class));
            SHIFT_ADJOINTS_AND_TANGENTS = l.findStatic(CapturedLambdas.class, "shiftAdjointsAndTangents",
                    MethodType.methodType(void.class, int.class, Throwable.class, Tape.class, double.class,
                            Tape.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private CapturedLambdas() {
    }

    /**
     * @param e      the lambda class's entry
     * @param call   the call site
     * @param kind   {@code fwd}, {@code rev} or {@code tan}: the derivative method the site calls
     * @param second whether the site is in differentiated derivative code
     * @return the site's target, or null where this cannot be followed
     */
    static MethodHandle target(EntryPoint e, Linker.Call call, String kind, boolean second) {
        int n = org.objectweb.asm.Type.getArgumentTypes(call.desc).length;
        MethodHandle captured = CAPTURED.bindTo(e);
        MethodType type = call.type;
        if ("rev".equals(kind)) {
            MethodHandle rev = second ? e.secondOrder("rev") : e.rev;
            MethodHandle cleanup = MethodHandles.insertArguments(second ? SHIFT_ADJOINTS_AND_TANGENTS
                    : SHIFT_ADJOINTS, 0, n);
            return MethodHandles.dropArguments(MethodHandles.tryFinally(rev, cleanup), 0, type.parameterType(0));
        }
        if ("tan".equals(kind)) {
            if (second) {
                return null;
            }
            MethodHandle tan = MethodHandles.filterArguments(e.tangent(), 0, captured);
            int tape = tan.type().parameterCount() - 1;
            tan = MethodHandles.foldArguments(tan, tape, MethodHandles.insertArguments(SHIFT_TANGENTS, 0, n));
            return tan.asType(type);
        }
        MethodHandle fwd = second ? e.secondOrder("fwd") : e.fwd;
        return MethodHandles.filterArguments(fwd, 0, captured).asType(type);
    }

    /** Before the adapter's tangent code: the arguments' tangents move up one place, past the captured values. */
    private static void shiftTangents(int n, Tape t) {
        System.arraycopy(t.argTan, 0, t.argTan, 1, n);
        t.argTan[0] = 0.0;
    }

    /** After the adapter's pullback: the arguments' adjoints move down one place, over the captured values'. */
    private static void shiftAdjoints(int n, Throwable failure, Tape t, double dOut) {
        System.arraycopy(t.argAdj, 1, t.argAdj, 0, n);
    }

    /** The same in second-order code, for the adjoints and their tangents. */
    private static void shiftAdjointsAndTangents(int n, Throwable failure, Tape t, double dOut, Tape tangents) {
        System.arraycopy(t.argAdj, 1, t.argAdj, 0, n);
        double[] shadow = tangents.existingShadow(t.argAdj);
        if (shadow != null) {
            System.arraycopy(shadow, 1, shadow, 0, n);
        }
    }
}
