package dev.adjoint.internal.adjoint;

import dev.adjoint.internal.rules.Sym;

/** The factor a {@link Statement.Propagate} multiplies the held adjoint by: where the local partial comes from. */
public sealed interface Partial {

    /** {@code 1}: the adjoint is added as it is. */
    record One() implements Partial {
    }

    /** {@code -1}: the adjoint is subtracted. */
    record MinusOne() implements Partial {
    }

    /** A constant partial, never taped. */
    record Constant(double value, Sym sym) implements Partial {
    }

    /** The next partial on the tape, popped where it is used. */
    record Popped() implements Partial {
    }

    /**
     * The partial the {@link Statement.RecoverPartials} before it put in a local: {@code recomputable} when it may
     * have been computed again from the frozen input (else null: it was popped).
     */
    record Kept(int index, Sym recomputable) implements Partial {
    }
}
