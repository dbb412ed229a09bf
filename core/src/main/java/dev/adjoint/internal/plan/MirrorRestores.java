package dev.adjoint.internal.plan;

import org.objectweb.asm.Opcodes;

/**
 * The stage that settles, once every stage has mirrored what it needs, which writes of mirrored locals the pullback
 * undoes: each increment, and each store whose old value the pullback reads again later in its walk backwards
 * ({@link CountedLoops#restoreNeeded}). A store whose old value is dead costs nothing on the tape.
 */
public final class MirrorRestores implements Opcodes {

    /** Per instruction: whether it writes a mirrored local whose old value the pullback restores there. */
    final boolean[] writesMirror;

    /** @return whether instruction {@code i} writes a mirrored local whose old value the pullback restores there */
    public boolean at(int i) {
        return writesMirror[i];
    }

    MirrorRestores(MethodFacts m, CountedLoops loops) {
        this.writesMirror = loops.mirrors.writes();
        for (int i = 0; i < m.size(); i++) {
            int op = m.opcode(i);
            if (writesMirror[i] && (op == ISTORE || op == ASTORE) && !loops.restoreNeeded(i)) {
                writesMirror[i] = false;
            }
        }
    }
}
