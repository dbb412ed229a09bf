package dev.adjoint.internal.plan;

/** Where an adjoint goes: a local slot's adjoint, or an adjoint variable. */
public final class AdjointTarget {
    public final boolean slot;
    public final int id;

    public AdjointTarget(boolean slot, int id) {
        this.slot = slot;
        this.id = id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AdjointTarget && ((AdjointTarget) o).slot == slot && ((AdjointTarget) o).id == id;
    }

    @Override
    public int hashCode() {
        return slot ? id : -1 - id;
    }

    @Override
    public String toString() {
        return slot ? "local" + id + "'" : "a" + id;
    }
}
