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
}
