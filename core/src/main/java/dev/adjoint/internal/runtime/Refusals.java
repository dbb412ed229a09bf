package dev.adjoint.internal.runtime;

import dev.adjoint.NotDifferentiableException;

/** Creates the exceptions that generated code throws where a derivative cannot be followed. */
public final class Refusals {

    private Refusals() {
    }

    /**
     * Called by generated code at a construct that cannot be differentiated, when it is reached.
     *
     * @return the exception to throw
     */
    public static RuntimeException notDifferentiable(String className, String method, int line, String construct,
                                                     String advice) {
        return new NotDifferentiableException(className.replace('/', '.'), method, line, construct, advice);
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
}
