package dev.adjoint.internal.adjoint;

import dev.adjoint.internal.plan.AdjointTarget;

/**
 * Where an adjoint lives in the pullback: the adjoint of a local slot, of an adjoint variable of the plan, or the
 * adjoint of the method's result that the caller passes in ({@code Δresult}).
 */
public record Adjoint(Kind kind, int id) {

    /** What an adjoint belongs to. */
    public enum Kind { LOCAL, VALUE, RESULT }

    /** {@code Δresult}, the pullback's parameter. */
    public static final Adjoint RESULT = new Adjoint(Kind.RESULT, -1);

    public static Adjoint local(int slot) {
        return new Adjoint(Kind.LOCAL, slot);
    }

    public static Adjoint value(int var) {
        return new Adjoint(Kind.VALUE, var);
    }

    /** @return the adjoint the plan names, or null when the plan names none (the operand carries no adjoint) */
    public static Adjoint of(AdjointTarget t) {
        return t == null ? null : t.slot ? local(t.id) : value(t.id);
    }
}
