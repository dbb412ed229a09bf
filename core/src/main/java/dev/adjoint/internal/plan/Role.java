package dev.adjoint.internal.plan;

/** The part an instruction plays in the derivative. */
public enum Role {
    /** Nothing to do. */
    NONE,
    /** Arithmetic inside a tree: its partial is folded into the tree's. */
    INTERIOR,
    /** The root of a tree: partials taped after it, distributed at it in reverse. */
    ROOT,
    /** A load of a local that a tree reads directly: its adjoint goes to the slot's adjoint. */
    SLOT_LEAF,
    /** A load of a local with its own adjoint variable, added to the slot's adjoint in reverse. */
    LOCAL_TEMP,
    /** A read of a {@code double} or {@code float} from an array, a field or a static field. */
    HEAP_LOAD,
    /** {@code Double.doubleValue()} and the like. */
    UNBOX,
    /** A call linked to the callee's derivative code. */
    CALL,
    /** An inactive producer of a value that meets active ones at a merge: its adjoint variable is zeroed. */
    PHI_ZERO,
    /** A constructor's call of {@code Object.<init>}: nothing to do once the object exists. */
    OBJECT_INIT,
    /** {@code new C(...)} whose constructor copies its parameters into fields: runs as it is. */
    FORWARD_NEW,
    /**
     * A store to a local read only inside its block, or such a read: the value flows through the local inside
     * an expression DAG, so it needs no adjoint of its own.
     */
    COPY,
    /** A read of an array element or field that an earlier read in the block already produced. */
    ALIAS
}
