package dev.adjoint;

import java.lang.invoke.MethodHandle;

import dev.adjoint.internal.rules.RuleTable;
import dev.adjoint.internal.runtime.AgentSupport;
import dev.adjoint.internal.runtime.EntryPoint;
import dev.adjoint.internal.runtime.StructuralGradient;
import dev.adjoint.internal.runtime.Tape;

/**
 * Derivatives of Java code.
 *
 * <pre>{@code
 * double g = AD.gradient(x -> Math.sin(x) * x, 1.0);            // reverse mode
 * double[] gx = AD.gradient(Rosenbrock::value, new double[] {1, 2}); // double[] -> double
 * }</pre>
 *
 * <p>The function is differentiated as it is: Adjoint reads the bytecode of the function and of everything it
 * calls, and generates derivative code beside it, without modifying any class. Loops, branches, recursion, calls to
 * other classes and reads of fields and arrays are followed. When a value that carries a derivative reaches
 * something Adjoint cannot follow, the call throws {@link NotDifferentiableException} instead of returning a wrong
 * number.
 *
 * <p>The JVM must run with {@code -javaagent:ad.jar}; without it, the first call attaches the agent where the JVM
 * allows that, and otherwise explains how to start the JVM. All methods are safe to call from several threads.
 */
public final class AD {

    private AD() {
    }

    /**
     * The derivative of a scalar function, by reverse mode (Zygote's {@code gradient}).
     *
     * @param f the function
     * @param x the point
     * @return {@code f'(x)}
     * @throws NotDifferentiableException when {@code f} does something whose derivative cannot be followed
     */
    public static double gradient(ScalarFunction f, double x) {
        AgentSupport.ensureStarted();
        EntryPoint e = EntryPoint.of(f, "apply", "(D)D");
        Object[] captured = e.capturedCached(f);
        Tape t = Tape.acquire();
        try {
            double y = (double) e.fwd.invokeExact(captured, x, t);
            t.forwardDone();
            checkPoison(t);
            e.rev.invokeExact(t, 1.0);
            return t.argAdj[1];
        } catch (Throwable ex) {
            throw sneaky(ex);
        } finally {
            t.release();
        }
    }

    /**
     * The gradient of a function of a vector, by reverse mode. The function gets a copy of {@code x}, so it may
     * modify its argument; the gradient is with respect to the values passed in.
     *
     * @param f the function
     * @param x the point (not modified)
     * @return {@code ∇f(x)}, a new array
     * @throws NotDifferentiableException when {@code f} does something whose derivative cannot be followed
     */
    public static double[] gradient(MultivariateFunction f, double[] x) {
        return valueAndGradient(f, x).gradient();
    }

    /**
     * The value and the gradient of a function of a vector, by reverse mode, in one evaluation. The value is
     * bit-identical to what calling the function directly returns.
     *
     * @param f the function
     * @param x the point (not modified)
     * @return the value and the gradient
     * @throws NotDifferentiableException when {@code f} does something whose derivative cannot be followed
     */
    public static ValueAndGradient valueAndGradient(MultivariateFunction f, double[] x) {
        AgentSupport.ensureStarted();
        EntryPoint e = EntryPoint.of(f, "apply", "([D)D");
        Object[] captured = e.capturedCached(f);
        Recorded r = record(e, captured, x, true, false);
        try {
            e.rev.invokeExact(r.tape, 1.0);
            return new ValueAndGradient(r.value, r.tape.existingShadow(r.input));
        } catch (Throwable ex) {
            throw sneaky(ex);
        } finally {
            r.tape.release();
        }
    }

    /** An augmented primal that ran, on a copy of the point. */
    private static final class Recorded {
        final Tape tape;
        final double[] input;
        final double value;

        Recorded(Tape tape, double[] input, double value) {
            this.tape = tape;
            this.input = input;
            this.value = value;
        }
    }

    /**
     * Runs the augmented primal of a function of a vector, whose argument's shadow is registered (the gradient,
     * after the pullback). The argument is first frozen: partials computed from its elements are recomputed by
     * the pullback instead of taped, and a write to it is stopped before it happens. If the function does write to
     * its argument, the recording runs again on a copy, without freezing.
     *
     * @param copy whether even the frozen argument is a copy: for a pullback, which recomputes from it later,
     *             after the caller may have changed its array; a gradient is computed before the call returns
     */
    private static Recorded record(EntryPoint e, Object[] captured, double[] x, boolean freeze, boolean copy) {
        double[] input = freeze && !copy ? x : x.clone();
        Tape t = Tape.acquire();
        try {
            t.registerShadow(input, new double[x.length]);
            t.frozen = freeze ? input : null;
            double y = (double) e.fwd.invokeExact(captured, input, t);
            t.forwardDone();
            if (t.frozenWritten) {
                t.release();
                return record(e, captured, x, false, true);
            }
            checkPoison(t);
            return new Recorded(t, input, y);
        } catch (Throwable ex) {
            boolean again = t.frozenWritten;
            t.release();
            if (again) {
                return record(e, captured, x, false, true);
            }
            throw sneaky(ex);
        }
    }

    /**
     * The pullback of a function of a vector at a point (Zygote's {@code pullback}): evaluates the function once,
     * recording what its derivative needs, and returns the value with a map {@code dy ↦ dy · ∇f(x)} that can be
     * applied many times without evaluating the function again.
     *
     * <pre>{@code
     * Pullback back = AD.pullback(Rosenbrock::value, x);
     * double y = back.value();
     * double[] g = back.apply(1.0);      // the gradient
     * double[] h = back.apply(-0.5);     // the same recording, another adjoint
     * }</pre>
     *
     * @param f the function
     * @param x the point (not modified)
     * @return the pullback
     * @throws NotDifferentiableException when {@code f} does something whose derivative cannot be followed
     */
    public static Pullback pullback(MultivariateFunction f, double[] x) {
        AgentSupport.ensureStarted();
        EntryPoint e = EntryPoint.of(f, "apply", "([D)D");
        Object[] captured = e.capturedCached(f);
        Recorded recorded = record(e, captured, x, true, true);
        double y = recorded.value;
        Tape t = recorded.tape;
        Recording r = new Recording(e.rev, t, recorded.input);
        return new Pullback() {
            @Override
            public double value() {
                return y;
            }

            @Override
            public double[] apply(double dy) {
                return r.sweep(null, 0, dy);
            }
        };
    }

    /**
     * The Jacobian of a map from vectors to vectors, {@code J[i][j] = ∂fᵢ/∂xⱼ}. It takes forward mode (one sweep per
     * input) when the function has at least as many outputs as inputs, and reverse mode (one evaluation, then one
     * pullback per output) when it has fewer.
     *
     * @param f the function
     * @param x the point (not modified)
     * @return the Jacobian, one row per output
     * @throws NotDifferentiableException when {@code f} does something whose derivative cannot be followed
     */
    public static double[][] jacobian(VectorFunction f, double[] x) {
        AgentSupport.ensureStarted();
        EntryPoint e = EntryPoint.of(f, "apply", "([D)[D");
        Object[] captured = e.capturedCached(f);
        int m = f.apply(x.clone()).length;
        double[][] jacobian = new double[m][];
        if (m >= x.length) {
            MethodHandle tangent = e.tangent();
            for (int j = 0; j < m; j++) {
                jacobian[j] = new double[x.length];
            }
            for (int i = 0; i < x.length; i++) {
                double[] input = x.clone();
                double[] direction = new double[x.length];
                direction[i] = 1.0;
                Tape t = Tape.acquire();
                try {
                    t.registerShadow(input, direction);
                    double[] y = (double[]) tangent.invokeExact(captured, input, t);
                    checkPoison(t);
                    double[] dy = t.existingShadow(y);
                    for (int j = 0; j < m && dy != null; j++) {
                        jacobian[j][i] = dy[j];
                    }
                } catch (Throwable ex) {
                    throw sneaky(ex);
                } finally {
                    t.release();
                }
            }
            return jacobian;
        }
        double[] input = x.clone();
        Tape t = Tape.acquire();
        try {
            t.registerShadow(input, new double[x.length]);
            double[] y = (double[]) e.fwd.invokeExact(captured, input, t);
            t.forwardDone();
            checkPoison(t);
            Recording r = new Recording(e.rev, t, input);
            for (int j = 0; j < m; j++) {
                jacobian[j] = r.sweep(y, j, 0.0);
            }
            return jacobian;
        } catch (Throwable ex) {
            throw sneaky(ex);
        } finally {
            t.release();
        }
    }

    /**
     * The Hessian of a function of a vector, by forward mode over reverse mode: each column is the tangent, in the
     * direction of one input, of the gradient computation (the generated pullback code differentiated again).
     * {@code n} sweeps, each a few evaluations' worth.
     *
     * @param f the function
     * @param x the point (not modified)
     * @return the matrix of second derivatives {@code H[i][j] = ∂²f/∂xᵢ∂xⱼ}
     * @throws NotDifferentiableException when {@code f} does something whose derivative cannot be followed
     */
    public static double[][] hessian(MultivariateFunction f, double[] x) {
        AgentSupport.ensureStarted();
        EntryPoint e = EntryPoint.of(f, "apply", "([D)D");
        Object[] captured = e.capturedCached(f);
        MethodHandle forward = e.secondOrder("fwd");
        MethodHandle reverse = e.secondOrder("rev");
        int n = x.length;
        double[][] hessian = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] direction = new double[n];
            direction[i] = 1.0;
            hessian[i] = hessianVectorProduct(forward, reverse, captured, x, direction);
        }
        return hessian;
    }

    /**
     * The product of the Hessian of a function with a vector, {@code H(x)·v}, by forward mode over reverse mode in
     * one sweep, without forming the Hessian.
     *
     * @param f the function
     * @param x the point (not modified)
     * @param v the vector, of the same length as {@code x}
     * @return {@code H(x)·v}
     * @throws NotDifferentiableException when {@code f} does something whose derivative cannot be followed
     * @throws IllegalArgumentException when {@code v} and {@code x} differ in length
     */
    public static double[] hvp(MultivariateFunction f, double[] x, double[] v) {
        if (v.length != x.length) {
            throw new IllegalArgumentException("the vector has " + v.length + " components, the point "
                    + x.length);
        }
        AgentSupport.ensureStarted();
        EntryPoint e = EntryPoint.of(f, "apply", "([D)D");
        return hessianVectorProduct(e.secondOrder("fwd"), e.secondOrder("rev"), e.capturedCached(f), x, v.clone());
    }

    /** One sweep of forward over reverse: the tangent, in direction {@code v}, of the gradient at {@code x}. */
    private static double[] hessianVectorProduct(MethodHandle forward, MethodHandle reverse, Object[] captured,
                                                 double[] x, double[] v) {
        double[] input = x.clone();
        double[] gradient = new double[x.length];
        Tape first = Tape.acquire();
        Tape tangents = Tape.acquire();
        try {
            first.registerShadow(input, gradient);
            tangents.registerShadow(input, v);
            tangents.retTan = 0.0;
            double y = (double) forward.invokeExact(captured, input, first, tangents);
            first.forwardDone();
            checkPoison(first);
            checkPoison(tangents);
            tangents.argTan[1] = 0.0; // the adjoint 1 of the result is a constant
            reverse.invokeExact(first, 1.0, tangents);
            checkPoison(first);
            checkPoison(tangents);
            double[] column = tangents.existingShadow(gradient);
            return column == null ? new double[x.length] : column.clone();
        } catch (Throwable ex) {
            throw sneaky(ex);
        } finally {
            tangents.release();
            first.release();
        }
    }

    /**
     * The structural gradient of a loss with respect to a model (Zygote's {@code gradient(model -> loss(model))}):
     * an object of the model's class whose {@code double} fields hold ∂loss/∂field, whose {@code double[]} fields
     * hold the adjoint arrays, and whose references to nested objects hold their own gradients.
     *
     * @param model the model (not modified)
     * @param loss  the loss
     * @param <M>   the model's type
     * @return the gradient, shaped like the model
     * @throws NotDifferentiableException when the loss does something whose derivative cannot be followed
     */
    @SuppressWarnings("unchecked")
    public static <M> M gradient(M model, Loss<M> loss) {
        AgentSupport.ensureStarted();
        EntryPoint e = EntryPoint.of(loss, "apply", "(Ljava/lang/Object;)D");
        Object[] captured = e.capturedCached(loss);
        Tape t = Tape.acquire();
        try {
            double y = (double) e.fwd.invokeExact(captured, (Object) model, t);
            t.forwardDone();
            checkPoison(t);
            e.rev.invokeExact(t, 1.0);
            return (M) StructuralGradient.of(model, t);
        } catch (Throwable ex) {
            throw sneaky(ex);
        } finally {
            t.release();
        }
    }

    /**
     * The derivative of a scalar function, by forward mode (ForwardDiff's {@code derivative}).
     *
     * @param f the function
     * @param x the point
     * @return {@code f'(x)}
     * @throws NotDifferentiableException when {@code f} does something whose derivative cannot be followed
     */
    public static double derivative(ScalarFunction f, double x) {
        AgentSupport.ensureStarted();
        EntryPoint e = EntryPoint.of(f, "apply", "(D)D");
        Object[] captured = e.capturedCached(f);
        MethodHandle tangent = e.tangent();
        Tape t = Tape.acquire();
        try {
            t.argTan[0] = 0.0;
            t.argTan[1] = 1.0;
            t.retTan = 0.0;
            double y = (double) tangent.invokeExact(captured, x, t);
            checkPoison(t);
            return t.retTan;
        } catch (Throwable ex) {
            throw sneaky(ex);
        } finally {
            t.release();
        }
    }

    /**
     * The directional derivative of a function of a vector, {@code ∇f(x)·v}, by forward mode in one evaluation
     * (a Jacobian-vector product).
     *
     * @param f the function
     * @param x the point (not modified)
     * @param v the direction, of the same length as {@code x}
     * @return {@code ∇f(x)·v}
     * @throws NotDifferentiableException when {@code f} does something whose derivative cannot be followed
     * @throws IllegalArgumentException when {@code v} and {@code x} differ in length
     */
    public static double jvp(MultivariateFunction f, double[] x, double[] v) {
        if (v.length != x.length) {
            throw new IllegalArgumentException("the direction has " + v.length + " components, the point "
                    + x.length);
        }
        AgentSupport.ensureStarted();
        EntryPoint e = EntryPoint.of(f, "apply", "([D)D");
        Object[] captured = e.capturedCached(f);
        MethodHandle tangent = e.tangent();
        double[] input = x.clone();
        Tape t = Tape.acquire();
        try {
            t.registerShadow(input, v.clone());
            t.retTan = 0.0;
            double y = (double) tangent.invokeExact(captured, input, t);
            checkPoison(t);
            return t.retTan;
        } catch (Throwable ex) {
            throw sneaky(ex);
        } finally {
            t.release();
        }
    }

    /**
     * Registers the derivative rules a class declares (see {@link DerivativeRules}). Code generated before keeps
     * the rules it was generated with, so register rules before the first gradient that needs them, for example in
     * a static initializer. Registering a class twice has no effect.
     *
     * @param rules a class annotated with {@link DerivativeRules}
     * @throws IllegalArgumentException when the class is not annotated or a rule is malformed (the message says
     *                                  which)
     */
    public static void register(Class<?> rules) {
        RuleTable.register(rules);
    }

    /**
     * Applies {@code f} to a copy of {@code x}, and when differentiated, trades memory for time: reverse mode then
     * records only {@code x}, and evaluates {@code f}'s derivative code again during the pullback, so that the tape
     * holds one segment at a time instead of all of them. Wrap the body of a long loop (a time step, an RNN cell)
     * to make the tape's peak proportional to one step rather than to the whole loop, at the cost of evaluating
     * each step twice. What {@code f} captures, such as weights, gets its gradient as without the checkpoint.
     *
     * <pre>{@code
     * for (int t = 0; t < steps; t++) {
     *     int c = input[t];
     *     state = AD.checkpoint(s -> cell(weights, s, c), state);
     * }
     * }</pre>
     *
     * <p>{@code f} must return a new array or the copy it is given, and must not depend on state that the rest of
     * the function changes afterwards (it runs again later). Forward mode keeps no tape, and simply follows
     * {@code f}.
     *
     * @param f a segment of the computation
     * @param x its input (not modified)
     * @return {@code f} applied to a copy of {@code x}
     */
    public static double[] checkpoint(VectorFunction f, double[] x) {
        return f.apply(x.clone());
    }

    /**
     * The tape's peak size during the last gradient this thread computed, in bytes: the partials, indices and
     * references reverse mode recorded (8, 4 and 4 bytes each), not counting the shadows of the heap. Use it to
     * see what {@link #checkpoint} saves.
     *
     * @return bytes, or 0 before the first gradient
     */
    public static long lastTapeBytes() {
        return Tape.lastPeakBytes();
    }

    /**
     * Returns its argument, which carries no derivative from here on: the derivative of {@code stopGradient(x)} is
     * zero. Use it for values that must be treated as constants, such as a target computed from the parameters
     * themselves or a scale factor that should not be trained.
     *
     * @param x a value
     * @return {@code x}
     */
    public static double stopGradient(double x) {
        return x;
    }

    /** An augmented primal's recording, from which pullbacks run again and again. */
    private static final class Recording {
        private final MethodHandle rev;
        private final Tape tape;
        private final double[] input;
        private final int dTop;
        private final int iTop;
        private final int oTop;

        Recording(MethodHandle rev, Tape tape, double[] input) {
            this.rev = rev;
            this.tape = tape;
            this.input = input;
            this.dTop = tape.dTop;
            this.iTop = tape.iTop;
            this.oTop = tape.oTop;
        }

        /**
         * Runs the pullback with the adjoint {@code dy} of a {@code double} result, or with adjoint 1 on element
         * {@code k} of an array result.
         */
        synchronized double[] sweep(double[] result, int k, double dy) {
            tape.rewind(dTop, iTop, oTop);
            if (result != null) {
                tape.arrayShadow(result)[k] = 1.0;
            }
            try {
                rev.invokeExact(tape, dy);
            } catch (Throwable ex) {
                throw sneaky(ex);
            }
            return tape.existingShadow(input).clone();
        }
    }

    private static void checkPoison(Tape t) {
        RuntimeException reason = t.poisoned();
        if (reason != null) {
            throw reason;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) dev.adjoint.internal.runtime.Refusals.fromGeneratedCode(t);
    }
}
