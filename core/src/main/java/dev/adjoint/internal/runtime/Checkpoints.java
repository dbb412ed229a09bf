package dev.adjoint.internal.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import dev.adjoint.VectorFunction;

/**
 * {@code AD.checkpoint(f, x)} inside differentiated code: the augmented primal runs {@code f} plainly and records
 * only its argument; the pullback runs {@code f}'s augmented primal again, on top of the same tape, and at once its
 * pullback. The tape then holds one segment's records at a time instead of all of them: memory traded for a second
 * evaluation of each segment. Adjoints meet in the same shadows, so what {@code f} captures (weights, say) gets
 * its adjoints as without the checkpoint.
 */
final class Checkpoints {

    static final MethodHandle FORWARD;
    static final MethodHandle REVERSE;
    static final MethodHandle TANGENT;

    static {
        MethodHandles.Lookup l = MethodHandles.lookup();
        try {
            MethodType call = MethodType.methodType(double[].class, VectorFunction.class, double[].class, Tape.class);
            FORWARD = l.findStatic(Checkpoints.class, "forward", call);
            TANGENT = l.findStatic(Checkpoints.class, "tangent", call);
            REVERSE = l.findStatic(Checkpoints.class, "reverse", MethodType.methodType(void.class, Tape.class,
                    double.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Checkpoints() {
    }

    /** The augmented primal: {@code f} on a copy of {@code x}, recording {@code f}, {@code x} and the copy. */
    static double[] forward(VectorFunction f, double[] x, Tape t) {
        double[] saved = x.clone();
        double[] y = f.apply(saved.clone());
        t.pushO(f);
        t.pushO(x);
        t.pushO(saved);
        t.pushO(y);
        return y;
    }

    /** The pullback: the segment recorded again and reversed at once. */
    static void reverse(Tape t, double dOut) throws Throwable {
        double[] y = (double[]) t.popO();
        double[] saved = (double[]) t.popO();
        double[] x = (double[]) t.popO();
        VectorFunction f = (VectorFunction) t.popO();
        EntryPoint e = EntryPoint.of(f, "apply", "([D)[D");
        double[] input = saved.clone();
        double[] again = (double[]) e.fwd.invokeExact(e.capturedCached(f), input, t);
        t.notePeak();
        RuntimeException poison = t.poisoned();
        if (poison != null) {
            throw poison;
        }
        double[] dy = t.existingShadow(y);
        if (dy != null) {
            double[] dAgain = t.arrayShadow(again);
            for (int k = 0; k < dy.length; k++) {
                dAgain[k] += dy[k];
                dy[k] = 0.0;
            }
        }
        e.rev.invokeExact(t, 0.0);
        double[] dInput = t.existingShadow(input);
        if (dInput != null) {
            double[] dx = t.arrayShadow(x);
            for (int k = 0; k < dx.length; k++) {
                dx[k] += dInput[k];
            }
        }
        t.argAdj[0] = 0.0;
        t.argAdj[1] = 0.0;
    }

    /** The tangent: forward mode keeps no tape, so it simply follows {@code f} on a copy of {@code x}. */
    static double[] tangent(VectorFunction f, double[] x, Tape t) throws Throwable {
        EntryPoint e = EntryPoint.of(f, "apply", "([D)[D");
        double[] input = x.clone();
        double[] dx = t.existingShadow(x);
        if (dx != null) {
            t.registerShadow(input, dx.clone());
        }
        return (double[]) e.tangent().invokeExact(e.capturedCached(f), input, t);
    }
}
