package dev.adjoint.internal.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.objectweb.asm.Type;

import dev.adjoint.NotDifferentiableException;
import dev.adjoint.internal.rules.CallPolicy;

/**
 * Callbacks from JDK code into differentiated code: the lambda that {@code Optional.map}, {@code List.forEach},
 * {@code Map.merge} or a sort calls while a gradient runs it.
 *
 * <p>The JDK is called as it is, so the code it calls back runs as it is too, and whatever derivative that code
 * computes would be lost. A JDK call made by derivative code that may call back therefore runs inside a
 * <em>frame</em>: while it is open on the thread, a lambda of differentiated code that the JDK calls runs its
 * derivative code instead ({@link #follow}). In reverse mode each such run records its augmented primal on the
 * gradient's tape as usual, and the frame, when the JDK call returns, tapes the list of pullbacks to run; the
 * pullback of the JDK call runs them in reverse order ({@link #replay}). The JDK code between the callbacks only
 * moves references (the calls that get a frame are those of collections, {@code Optional} and {@code Objects}),
 * so the derivatives travel in the shadows of the objects the callbacks receive and return.
 *
 * <p>A callback that hands a number back to the JDK ({@code applyAsDouble}) gives the JDK a value whose derivative
 * the JDK would drop: forward mode checks its tangent and refuses when it is not zero; reverse mode refuses when
 * the callback may compute with values that carry derivatives (it captures values, or receives objects).
 */
public final class Callbacks {

    /** The kind of derivative code a frame's callbacks run. */
    enum Mode { REVERSE, TANGENT, SECOND_ORDER }

    /** An open JDK call of derivative code. */
    static final class Frame {
        final Tape tape;
        final Mode mode;
        final Linker.Site site;
        final String jdkMethod;
        final Frame previous;
        List<MethodHandle> pullbacks;

        Frame(Tape tape, Mode mode, Linker.Site site, String jdkMethod, Frame previous) {
            this.tape = tape;
            this.mode = mode;
            this.site = site;
            this.jdkMethod = jdkMethod;
            this.previous = previous;
        }
    }

    private static final ThreadLocal<Frame> CURRENT = new ThreadLocal<>();
    /** Frames open in all threads: lets a lambda called outside any frame skip the thread-local. */
    private static final java.util.concurrent.atomic.AtomicInteger OPEN_FRAMES =
            new java.util.concurrent.atomic.AtomicInteger();

    private static final MethodHandle OPEN;
    private static final MethodHandle CLOSE;
    private static final MethodHandle REPLAY;
    private static final MethodHandle ADAPT;

    static {
        MethodHandles.Lookup l = MethodHandles.lookup();
        try {
            OPEN = l.findStatic(Callbacks.class, "open", MethodType.methodType(void.class, Mode.class,
                    Linker.Site.class, String.class, Tape.class));
            CLOSE = l.findStatic(Callbacks.class, "close", MethodType.methodType(void.class, Throwable.class,
                    Tape.class));
            REPLAY = l.findStatic(Callbacks.class, "replay", MethodType.methodType(void.class, Tape.class));
            ADAPT = l.findStatic(Callbacks.class, "adapt", MethodType.methodType(Object.class, Class.class,
                    Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Callbacks() {
    }

    // ---- the JDK call ----

    /**
     * Wraps the call of a JDK method from derivative code in a frame.
     *
     * @param call    the original method, typed as the call site: {@code (operands..., Tape[, Tape]) -> R}
     * @param tapeAt  the position of the tape whose derivatives the callbacks extend
     * @param mode    the derivative code that callbacks run
     * @param site    where the JDK method is called, for messages
     * @param method  the JDK method, for messages
     */
    static MethodHandle framed(MethodHandle call, int tapeAt, Mode mode, Linker.Site site, String method,
                               Class<?>[] callbackTypes) {
        for (int k = 0; k < callbackTypes.length && k < tapeAt; k++) {
            if (callbackTypes[k] != null) {
                MethodHandle adapt = MethodHandles.insertArguments(ADAPT, 0, callbackTypes[k])
                        .asType(MethodType.methodType(call.type().parameterType(k), call.type().parameterType(k)));
                call = MethodHandles.filterArguments(call, k, adapt);
            }
        }
        MethodType type = call.type();
        MethodHandle enter = MethodHandles.insertArguments(OPEN, 0, mode, site, method);
        enter = MethodHandles.dropArguments(enter, 0, type.parameterList().subList(0, tapeAt));
        enter = MethodHandles.dropArguments(enter, tapeAt + 1, type.parameterList().subList(tapeAt + 1,
                type.parameterCount()));
        MethodHandle body = MethodHandles.foldArguments(call, enter);
        // cleanup: (Throwable, [R,] operands..., Tape...) -> R, which closes the frame and passes R through
        Class<?> r = type.returnType();
        MethodHandle exit = MethodHandles.dropArguments(CLOSE, 1, type.parameterList().subList(0, tapeAt));
        exit = MethodHandles.dropArguments(exit, tapeAt + 2, type.parameterList().subList(tapeAt + 1,
                type.parameterCount()));
        MethodHandle cleanup;
        if (r == void.class) {
            cleanup = exit;
        } else {
            MethodHandle pass = MethodHandles.dropArguments(MethodHandles.identity(r), 0, Throwable.class);
            pass = MethodHandles.dropArguments(pass, 2, type.parameterList());
            MethodHandle closing = MethodHandles.dropArguments(exit, 1, r);
            cleanup = MethodHandles.foldArguments(pass, closing);
        }
        return MethodHandles.tryFinally(body, cleanup);
    }

    /**
     * The pullback of a framed call in reverse mode: runs the pullbacks of its callbacks, then {@code pullback}.
     *
     * @param pullback the call's own pullback, {@code ([receiver,] Tape, double) -> void}
     * @param tapeAt   the position of the tape in it
     */
    static MethodHandle replaying(MethodHandle pullback, int tapeAt) {
        return MethodHandles.foldArguments(pullback, tapeAt, REPLAY);
    }

    private static void open(Mode mode, Linker.Site site, String method, Tape tape) {
        CURRENT.set(new Frame(tape, mode, site, method, CURRENT.get()));
        OPEN_FRAMES.incrementAndGet();
    }

    private static void close(Throwable thrown, Tape tape) {
        Frame f = CURRENT.get();
        if (f.previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(f.previous);
        }
        OPEN_FRAMES.decrementAndGet();
        if (f.mode == Mode.TANGENT) {
            tape.retTan = 0.0; // the JDK method's result carries no tangent of its own
        }
        if (f.mode != Mode.REVERSE) {
            return;
        }
        if (thrown == null) {
            tape.pushO(f.pullbacks == null ? null : f.pullbacks.toArray(new MethodHandle[0]));
        } else if (f.pullbacks != null) {
            // the caller's pullback does not reverse a call that threw: the callbacks' records would be left over
            tape.poison(refusal(f, "an exception (" + thrown + ") thrown out of " + f.jdkMethod
                    + " after it called back into differentiated code", "Let the exception leave the function, or "
                    + "catch it inside the callback"));
        }
    }

    private static void replay(Tape tape) throws Throwable {
        MethodHandle[] pullbacks = (MethodHandle[]) tape.popO();
        if (pullbacks == null) {
            return;
        }
        for (int k = pullbacks.length - 1; k >= 0; k--) {
            // a callback's result reaches the JDK as a reference: its adjoint is in the result's shadow
            pullbacks[k].invokeExact(tape, 0.0);
        }
    }

    // ---- the callback ----

    /**
     * Asked first by the functional method of every lambda class of differentiated code.
     *
     * @return whether the call comes from a JDK method that derivative code called, on this thread
     */
    public static boolean intercepts() {
        return OPEN_FRAMES.get() > 0 && CURRENT.get() != null;
    }

    /**
     * Runs the derivative code of a callback in place of its own code.
     *
     * @param callback the lambda (or any object of differentiated code)
     * @param name     the functional method's name
     * @param desc     its descriptor
     * @param args     its arguments, boxed
     * @return its result, boxed
     */
    public static Object follow(Object callback, String name, String desc, Object[] args) throws Throwable {
        Frame f = CURRENT.get();
        Method m = Linker.implementation(callback.getClass(), name, desc);
        Class<?> declaring = m.getDeclaringClass();
        Class<?> result = m.getReturnType();
        if (declaring.isHidden() && EntryPoint.serializedForm(callback) == null) {
            throw f.tape.poison(refusal(f, "a callback (" + declaring.getName().replaceAll("/0x[0-9a-f]+$", "")
                    + ") of " + f.jdkMethod + ", a lambda whose creation site Adjoint cannot identify",
                    "Create the lambda inside the differentiated code, or declare its interface Serializable"));
        }
        boolean number = result == double.class || result == float.class;
        CURRENT.set(null); // the callback's own JDK calls open frames of their own
        try {
            switch (f.mode) {
                case REVERSE: {
                    if (number) {
                        if (mayReceiveDerivatives(callback, args)) {
                            throw f.tape.poison(refusal(f, "a callback (" + describe(callback) + ") that returns a "
                                    + "number to " + f.jdkMethod + ", which is not differentiated, computed from "
                                    + "values that may carry derivatives", "Compute the numbers in a loop of your "
                                    + "own, or return them in an object (a Double) instead of a number"));
                        }
                        m.setAccessible(true);
                        return m.invoke(callback, args);
                    }
                    Object out;
                    MethodHandle pullback;
                    try {
                        if (declaring.isHidden()) {
                            EntryPoint e = EntryPoint.of(callback, name, desc);
                            out = invoke(e.fwd, e.captured(callback), args, f.tape);
                            pullback = e.rev;
                        } else {
                            Companions.Linked l = Companions.of(declaring, name, desc);
                            out = invoke(l.fwd, callback, args, f.tape);
                            pullback = l.rev;
                        }
                    } catch (NotDifferentiableException e) {
                        throw e;
                    } catch (Throwable e) {
                        // its records stay on the tape, where no pullback expects them
                        f.tape.unwound = false;
                        throw f.tape.poison(refusal(f, "an exception (" + e + ") thrown by a callback ("
                                + describe(callback) + ") of " + f.jdkMethod, "Catch the exception inside the "
                                + "callback"));
                    }
                    if (f.pullbacks == null) {
                        f.pullbacks = new ArrayList<>();
                    }
                    f.pullbacks.add(pullback);
                    return out;
                }
                case TANGENT: {
                    java.util.Arrays.fill(f.tape.argTan, 0, args.length + 1, 0.0);
                    f.tape.retTan = 0.0;
                    Object out;
                    if (declaring.isHidden()) {
                        EntryPoint e = EntryPoint.of(callback, name, desc);
                        out = invoke(e.tangent(), e.captured(callback), args, f.tape);
                    } else {
                        out = invoke(Companions.tangent(declaring, name, desc).tan, callback, args, f.tape);
                    }
                    if (number && f.tape.retTan != 0.0) {
                        throw f.tape.poison(refusal(f, "a callback (" + describe(callback) + ") that returns a "
                                + "number that carries a derivative to " + f.jdkMethod + ", which is not "
                                + "differentiated", "Compute the numbers in a loop of your own"));
                    }
                    f.tape.retTan = 0.0;
                    return out;
                }
                default:
                    throw f.tape.poison(refusal(f, "a callback (" + describe(callback) + ") from " + f.jdkMethod
                            + " in a second derivative", "Write the callback's work as a loop"));
            }
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        } finally {
            CURRENT.set(f);
        }
    }

    /**
     * A callback that is not a lambda of differentiated code (an object of a named class, a lambda the JDK made)
     * cannot ask {@link #intercepts} itself: the JDK method gets an adapter that implements the callback's interface
     * and asks for it. Lambdas of differentiated code and the JDK's own objects are passed as they are.
     */
    private static Object adapt(Class<?> itf, Object callback) {
        if (callback == null || !itf.isInterface()) {
            return callback;
        }
        Class<?> c = callback.getClass();
        String name = c.getName();
        if (c.getClassLoader() == null || name.contains("$$AdjointLambda$") || java.lang.reflect.Proxy.isProxyClass(c)
                || CallPolicy.isJdk(name.replace('.', '/'))) {
            return callback;
        }
        return java.lang.reflect.Proxy.newProxyInstance(itf.getClassLoader() == null ? Callbacks.class.getClassLoader()
                : itf.getClassLoader(), new Class<?>[] {itf}, new Adapter(callback));
    }

    /** Calls the callback; its derivative code while the JDK method that received it runs in a frame. */
    private static final class Adapter implements java.lang.reflect.InvocationHandler {
        private final Object callback;

        Adapter(Object callback) {
            this.callback = callback;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object[] a = args == null ? new Object[0] : args;
            if (method.getDeclaringClass() == Object.class) {
                if ("equals".equals(method.getName())) {
                    return a[0] == proxy || callback.equals(a[0]);
                }
                return method.invoke(callback, a);
            }
            if (method.isDefault() && method.equals(Linker.implementation(callback.getClass(), method.getName(),
                    Type.getMethodDescriptor(method)))) {
                return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, a);
            }
            if (intercepts()) {
                return follow(callback, method.getName(), Type.getMethodDescriptor(method), a);
            }
            try {
                method.setAccessible(true);
                return method.invoke(callback, a);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    private static Object invoke(MethodHandle h, Object callback, Object[] args, Tape tape) throws Throwable {
        Object[] all = new Object[args.length + 2];
        all[0] = callback;
        System.arraycopy(args, 0, all, 1, args.length);
        all[all.length - 1] = tape;
        return h.invokeWithArguments(all);
    }

    /**
     * Whether a callback may compute with values that carry derivatives: it captures a number or a reference, or
     * it receives an object. A callback that captures nothing and receives only numbers from the JDK computes
     * constants.
     */
    private static boolean mayReceiveDerivatives(Object callback, Object[] args) {
        for (Object a : args) {
            if (a != null && !(a instanceof Integer || a instanceof Long || a instanceof Short || a instanceof Byte
                    || a instanceof Character || a instanceof Boolean || a instanceof String)) {
                return true;
            }
        }
        for (Class<?> k = callback.getClass(); k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field field : k.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String describe(Object callback) {
        String name = callback.getClass().getName();
        int cut = name.indexOf("$$AdjointLambda$");
        return cut < 0 ? name : "a lambda in " + name.substring(0, cut) + "."
                + name.substring(cut + "$$AdjointLambda$".length()).replaceAll("\\$.*", "");
    }

    private static NotDifferentiableException refusal(Frame f, String construct, String advice) {
        return (NotDifferentiableException) Refusals.notDifferentiable(f.site.className, f.site.method, f.site.line,
                construct, advice);
    }
}
