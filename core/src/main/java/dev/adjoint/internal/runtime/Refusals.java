package dev.adjoint.internal.runtime;

import dev.adjoint.NotDifferentiableException;

/** Creates the exceptions that generated code throws where a derivative cannot be followed. */
public final class Refusals {

    /** The package of the engine's substitutes for JDK methods, whose refusals name the code that called them. */
    private static final String ENGINE_SUBSTITUTES = "dev.adjoint.internal.rules.";

    private Refusals() {
    }

    /**
     * Called by generated code at a construct that cannot be differentiated, when it is reached.
     *
     * @return the exception to throw
     */
    public static RuntimeException notDifferentiable(String className, String method, int line, String construct,
                                                     String advice) {
        String name = className.replace('/', '.');
        if (name.endsWith("Adjoint$Entry") || name.startsWith(ENGINE_SUBSTITUTES)) {
            // the adapter that calls a function given to AD, a lambda from outside, or the engine's own substitute
            // of a JDK method (a stream's operation): name the code that called it
            StackWalker.StackFrame caller = StackWalker.getInstance(StackWalker.Option.SHOW_HIDDEN_FRAMES).walk(
                    frames -> frames.filter(f -> f.getClassName().contains("$$Adjoint")
                            && !f.getClassName().contains("Adjoint$Entry")
                            && !f.getClassName().contains("$$AdjointLambda$")
                            && !f.getClassName().startsWith(ENGINE_SUBSTITUTES)).findFirst().orElse(null));
            if (caller != null) {
                String c = caller.getClassName();
                return new NotDifferentiableException(c.substring(0, c.indexOf("$$Adjoint")),
                        caller.getMethodName().replaceAll("\\$(fwd|rev|tan)(\\$.*)?$", ""), caller.getLineNumber(),
                        construct, advice);
            }
        }
        return new NotDifferentiableException(name, method, line, construct, advice);
    }

    /**
     * Called by generated code at a construct that cannot be differentiated: the gradient fails even if the
     * function catches the exception.
     *
     * @return the exception to throw
     */
    public static RuntimeException refuse(Tape tape, String className, String method, int line, String construct,
                                          String advice) {
        return tape.poison(notDifferentiable(className, method, line, construct, advice));
    }

    /**
     * Thrown into an augmented primal just before it would write the frozen input (see {@link Tape#frozen}): the
     * write does not happen, and {@code AD} records again on a copy, taping everything.
     */
    public static final class FrozenInputWritten extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private FrozenInputWritten() {
            super("the function writes to its argument; Adjoint records it again on a copy", null, false, false);
        }
    }

    private static final FrozenInputWritten FROZEN_INPUT_WRITTEN = new FrozenInputWritten();

    /**
     * Called by generated code about to write the frozen input.
     *
     * @return never: throws {@link FrozenInputWritten}
     */
    public static RuntimeException frozenInputWritten(Tape tape) {
        tape.frozenWritten = true;
        throw FROZEN_INPUT_WRITTEN;
    }

    /**
     * An error that the JVM raised in generated code (a call site or class that does not link or verify) is a bug
     * of the engine, not of the function: it becomes a {@code NotDifferentiableException} that names the method
     * whose derivative code failed, and where.
     *
     * @param t what a gradient threw
     * @return {@code t}, or the exception that replaces it
     */
    public static Throwable fromGeneratedCode(Throwable t) {
        if (t instanceof BootstrapMethodError && t.getCause() instanceof NotDifferentiableException) {
            return t.getCause();
        }
        if (!(t instanceof LinkageError)) {
            return t;
        }
        // generated code is hidden: its frames are left out of stack traces, so an error it raised shows first a
        // frame of Adjoint itself, where the function's own code would show its own frame
        for (StackTraceElement e : t.getStackTrace()) {
            String c = e.getClassName();
            if (c.startsWith("java.lang.invoke.") || c.startsWith("jdk.internal.")
                    || c.startsWith("dev.adjoint.internal.runtime.") && !c.endsWith("Callbacks")) {
                continue;
            }
            if (!c.startsWith("dev.adjoint.")) {
                return t; // thrown by the function's own code, or a library's
            }
            break;
        }
        String message = String.valueOf(t.getMessage());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([\\w.$]+)\\$\\$Adjoint").matcher(message);
        String host = m.find() ? m.group(1) : "?";
        return new NotDifferentiableException(host, "(derivative code)", -1,
                "derivative code that the JVM cannot link or verify (" + t + ")",
                "This is a bug in Adjoint; please report it with the output of -Dadjoint.dump=DIR", t);
    }
}
