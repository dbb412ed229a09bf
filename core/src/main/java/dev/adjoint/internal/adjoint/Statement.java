package dev.adjoint.internal.adjoint;

import java.util.List;

import dev.adjoint.internal.plan.Recovery;
import dev.adjoint.internal.rules.Sym;

/**
 * One statement of a pullback, in the order it runs. {@code Δv} is the adjoint of {@code v}; {@code t} is the
 * adjoint of the expression tree being reversed, held while its partials are distributed.
 */
public sealed interface Statement {

    /** {@code Δtarget += Δfrom}. */
    record Accumulate(Adjoint target, Adjoint from) implements Statement {
    }

    /** {@code Δa = 0}: the adjoint has been passed on. */
    record Zero(Adjoint adjoint) implements Statement {
    }

    /** {@code Δv = 0} where a merge's value arrives on a path that carries no derivative. */
    record Discard(int var) implements Statement {
    }

    /** {@code t = Δv; Δv = 0}: the root of an expression tree hands its adjoint to its leaves. */
    record HoldRoot(int var) implements Statement {
    }

    /**
     * The partials of a tree some of which may be computed again instead of popped (see
     * {@code DerivativePlan.remat}), put in locals before the leaves use them: each group of {@code groups} (indices
     * of {@code partials}) is recomputed when every array its {@code remat} entry names is the frozen input or its
     * copy, else popped; the others are popped in the reverse of {@code order}, the order they were pushed in.
     */
    record RecoverPartials(List<Sym> partials, int[][] remat, List<int[]> groups, int[] order)
            implements Statement {
    }

    /**
     * {@code Δleaf += t * partial}; where the partial {@code mayBeNonFinite} (it involves a rule's partial), a zero
     * factor makes the product zero even when the other is infinite or NaN (see {@code Sym.term}).
     */
    record Propagate(Adjoint leaf, Partial partial, boolean mayBeNonFinite) implements Statement {
    }

    /**
     * {@code Δ(location) += Δv}: a read of a floating-point field or element adds its adjoint to the shadow;
     * {@code deferred} when, with the array copied on entry, it is summed in a local across its loop instead.
     */
    record ShadowAdd(HeapAccess access, int var, boolean deferred) implements Statement {
    }

    /**
     * {@code Δtarget += Δ(location); Δ(location) = 0}: a write moves the shadow's adjoint to the stored value (no
     * target: the value carries none); an {@code increment} leaves the shadow its adjoint for the read before.
     */
    record ShadowMove(HeapAccess access, Adjoint target, boolean increment) implements Statement {
    }

    /** {@code Δ(box) += Δv}: the value taken out of a box gives its adjoint to the box's shadow. */
    record UnboxAdd(Recovery box, int var) implements Statement {
    }

    /** {@code Δtarget += Δ(box)}: a value boxed gets the box's adjoint (the box is popped from the tape). */
    record BoxTake(Adjoint target) implements Statement {
    }

    /** A constructor that copied its parameters into fields: each field's adjoint to its argument, then zero. */
    record ForwardFields(List<ForwardedField> fields) implements Statement {
    }

    /**
     * The callee's pullback called with {@code Δv} ({@code var} -1: with 0), {@code Δv = 0}, and the adjoints the
     * callee left for its arguments added to theirs.
     */
    record CallPullback(CallSite call, int var) implements Statement {
    }

    /** {@code local -= increment}: an increment of a mirrored int local undone, for the indices rebuilt. */
    record UndoIncrement(int frame, int slot, int increment) implements Statement {
    }

    /**
     * {@code local = tape.pop()}: a mirrored local gets the value it had before a store; with {@code copy}, its
     * array's copy, taken at that store on every pass, gets the one before too (popped first).
     */
    record RestoreLocal(int frame, int slot, boolean reference, boolean copy) implements Statement {
    }

    /**
     * A field or array element: {@code field} null for an element; how the pullback gets the object and the index
     * ({@link Recovery.Kind#PUSH}: popped, index first).
     */
    record HeapAccess(String owner, String field, boolean isStatic, Recovery reference, Recovery index) {

        public boolean isElement() {
            return field == null;
        }
    }

    /**
     * A call whose pullback the pullback calls: directly in this companion ({@code direct}: the companion's names
     * of its augmented primal, pullback and tangent) or through a linked site, dispatched on the receiver (popped
     * or mirrored, {@code receiver}) when {@code dispatches}. {@code arguments} are in the order they are added.
     */
    record CallSite(int opcode, String owner, String name, String desc, boolean itf, String[] direct,
            boolean dispatches, Recovery receiver, int variedMask, String site, List<ArgumentAdjoint> arguments) {
    }

    /**
     * {@code Δtarget += tape.argAdj[index]}: what a callee's pullback left for one of its floating-point arguments
     * ({@code target} null: the argument carries no adjoint, and what was left is not used).
     */
    record ArgumentAdjoint(int index, Adjoint target) {
    }

    /** A field a constructor set from its parameter; {@code target} null when the argument carries no adjoint. */
    record ForwardedField(String owner, String name, Adjoint target) {
    }
}
