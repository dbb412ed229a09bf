package dev.adjoint.internal.plan;

import org.objectweb.asm.Type;

/** A value that never changes during a call and that the pullback reads: a parameter that is never assigned. */
public final class FrameValue {
    public final int slot;
    public final Type type;

    public FrameValue(int slot, Type type) {
        this.slot = slot;
        this.type = type;
    }
}
