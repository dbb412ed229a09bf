package dev.adjoint.internal.reverse;

import java.util.BitSet;
import java.util.List;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.adjoint.Continuation;
import dev.adjoint.internal.adjoint.Statement;
import dev.adjoint.internal.adjoint.Statement.HeapAccess;
import dev.adjoint.internal.bytecode.Abi;
import dev.adjoint.internal.bytecode.TapeMethod;
import dev.adjoint.internal.ir.MethodFlow;
import dev.adjoint.internal.plan.DerivativePlan;
import dev.adjoint.internal.plan.FrameValue;
import dev.adjoint.internal.plan.Recovery;
import dev.adjoint.internal.plan.Role;

/**
 * The heap in a pullback: the adjoints of fields, elements and boxes live in their shadows, reached through the
 * references and indices the pullback recovers (popped, mirrored in the frame, constant or rebuilt). The frame's
 * references are popped once per call and their shadows looked up once, so that the pullback's loops read them
 * from locals rather than probe the shadow map per element.
 */
final class ShadowLowering implements Opcodes {

    private final List<FrameValue> frame;
    private final PullbackLocals l;
    private final InsnList out;
    private final Recomputation recomputation;
    /** Frame values the pullback uses as arrays of floating-point numbers, and as objects with such fields. */
    private final BitSet arrayRefs = new BitSet();
    private final BitSet fieldRefs = new BitSet();

    ShadowLowering(DerivativePlan plan, PullbackLocals locals, Recomputation recomputation) {
        this.frame = plan.frame().values();
        this.l = locals;
        this.out = locals.out;
        this.recomputation = recomputation;
        MethodFlow flow = plan.flow;
        for (int i = 0; i < flow.size(); i++) {
            Recovery ref = plan.recovery().reference(i);
            if (ref == null || ref.kind != Recovery.Kind.FRAME) {
                continue;
            }
            int op = flow.insn(i).getOpcode();
            if (op == DALOAD || op == FALOAD || op == DASTORE || op == FASTORE) {
                arrayRefs.set(ref.value);
            } else if (op == GETFIELD || op == PUTFIELD || plan.variables().role(i) == Role.UNBOX) {
                fieldRefs.set(ref.value);
            }
        }
    }

    // ---- the frame ----

    /** Pops the values taped once per call (pushed before the exit record). */
    void popFrame() {
        for (int f = frame.size() - 1; f >= 0; f--) {
            FrameValue fv = frame.get(f);
            if (fv.type.getSort() == Type.INT) {
                l.popInt();
                out.add(new VarInsnNode(ISTORE, l.frameLocal[f]));
            } else {
                if (l.snapshotLocal[f] >= 0) {
                    l.popRef();
                    out.add(new VarInsnNode(ASTORE, l.snapshotLocal[f]));
                }
                l.popRef();
                out.add(new VarInsnNode(ASTORE, l.frameLocal[f]));
                if (l.snapshotLocal[f] >= 0) {
                    out.add(new VarInsnNode(ALOAD, PullbackLocals.TAPE));
                    out.add(new VarInsnNode(ALOAD, l.snapshotLocal[f]));
                    out.add(new VarInsnNode(ALOAD, l.frameLocal[f]));
                    out.add(TapeMethod.DROP_COPY.call());
                }
                fetchShadows(f);
            }
        }
    }

    /**
     * Looks up, once, the shadows of a reference the pullback keeps in a local. A reference that is null or of
     * another type gets none; the pullback only reaches its uses where the primal dereferenced it.
     */
    void fetchShadows(int f) {
        if (arrayRefs.get(f)) {
            fetchShadow(f, l.arrayCache[f], TapeMethod.ARRAY_SHADOW, true);
        }
        if (fieldRefs.get(f)) {
            fetchShadow(f, l.fieldCache[f], TapeMethod.FIELD_SHADOW, false);
        }
    }

    private void fetchShadow(int f, int cache, TapeMethod method, boolean array) {
        LabelNode none = new LabelNode();
        LabelNode fetch = new LabelNode();
        LabelNode done = new LabelNode();
        Type type = frame.get(f).type;
        out.add(new VarInsnNode(ALOAD, l.frameLocal[f]));
        if (array && !type.getDescriptor().equals("[D") && !type.getDescriptor().equals("[F")) {
            out.add(new TypeInsnNode(INSTANCEOF, "[D"));
            out.add(new JumpInsnNode(IFNE, fetch));
            out.add(new VarInsnNode(ALOAD, l.frameLocal[f]));
            out.add(new TypeInsnNode(INSTANCEOF, "[F"));
            out.add(new JumpInsnNode(IFEQ, none));
        } else {
            out.add(new JumpInsnNode(IFNULL, none));
        }
        out.add(fetch);
        out.add(new VarInsnNode(ALOAD, PullbackLocals.TAPE));
        out.add(new VarInsnNode(ALOAD, l.frameLocal[f]));
        out.add(method.call());
        out.add(new VarInsnNode(ASTORE, cache));
        out.add(new JumpInsnNode(GOTO, done));
        out.add(none);
        out.add(new InsnNode(ACONST_NULL));
        out.add(new VarInsnNode(ASTORE, cache));
        out.add(done);
    }

    // ---- fields and elements ----

    /** A read's adjoint added to the shadow: {@code shadow[slot] += Δv} (or to its loop's sum, when deferred). */
    void shadowAdd(int at, Statement.ShadowAdd s) {
        LabelNode done = null;
        int v = l.variable(s.var());
        if (s.deferred()) {
            // with the copy made, the element's adjoint is summed across the loop (DerivativePlan.deferred)
            LabelNode direct = new LabelNode();
            done = new LabelNode();
            out.add(new VarInsnNode(ALOAD, l.snapshotLocal[s.access().reference().value]));
            out.add(new JumpInsnNode(IFNULL, direct));
            l.addTo(l.sum.get(at), v);
            out.add(new JumpInsnNode(GOTO, done));
            out.add(direct);
        }
        shadowSlot(s.access());
        out.add(new InsnNode(DUP2));
        out.add(new InsnNode(DALOAD));
        out.add(new VarInsnNode(DLOAD, v));
        out.add(new InsnNode(DADD));
        out.add(new InsnNode(DASTORE));
        if (done != null) {
            out.add(done);
        }
    }

    /** A write: {@code Δvalue += shadow[slot]; shadow[slot] = 0} (an increment keeps the shadow's adjoint). */
    void shadowMove(Statement.ShadowMove s) {
        shadowSlot(s.access());
        if (s.target() != null) {
            int target = l.local(s.target());
            out.add(new InsnNode(DUP2));
            out.add(new InsnNode(DALOAD));
            out.add(new VarInsnNode(DLOAD, target));
            out.add(new InsnNode(DADD));
            out.add(new VarInsnNode(DSTORE, target));
        }
        if (s.increment()) {
            out.add(new InsnNode(POP2)); // an increment: the element keeps its adjoint (the read's partial is 1)
        } else {
            out.add(new InsnNode(DCONST_0));
            out.add(new InsnNode(DASTORE));
        }
    }

    /** Leaving a reversed loop: the sums of its deferred reads go to their elements' shadows. */
    void flushDeferred(List<Continuation.Flush> flushes) {
        for (Continuation.Flush flush : flushes) {
            LabelNode none = new LabelNode();
            out.add(new VarInsnNode(ALOAD, l.snapshotLocal[flush.reference().value]));
            out.add(new JumpInsnNode(IFNULL, none)); // no copy: the reads added to the shadow themselves
            shadowOf(flush.reference(), true);
            index(flush.index());
            out.add(new InsnNode(DUP2));
            out.add(new InsnNode(DALOAD));
            out.add(new VarInsnNode(DLOAD, l.sum.get(flush.at())));
            out.add(new InsnNode(DADD));
            out.add(new InsnNode(DASTORE));
            l.zero(l.sum.get(flush.at()));
            out.add(none);
        }
    }

    /**
     * Pops what a heap access taped (index, then reference: the reverse of the pushes) and pushes the shadow array
     * and slot it touched.
     */
    private void shadowSlot(HeapAccess access) {
        Recovery idx = access.index();
        Recovery ref = access.reference();
        if (idx != null && idx.kind == Recovery.Kind.PUSH) {
            l.popInt();
            out.add(new VarInsnNode(ISTORE, l.indexTmp));
        }
        if (ref != null && ref.kind == Recovery.Kind.PUSH) {
            l.popRef();
            out.add(new VarInsnNode(ASTORE, l.refTmp));
        }
        if (access.isStatic()) {
            out.add(new VarInsnNode(ALOAD, PullbackLocals.TAPE));
            out.add(Abi.slotConstant(access.owner(), access.field(), true));
            out.add(TapeMethod.STATIC_SHADOW.call());
            out.add(Abi.slotConstant(access.owner(), access.field(), true));
        } else if (!access.isElement()) {
            shadowOf(ref, false);
            out.add(Abi.slotConstant(access.owner(), access.field(), false));
        } else {
            shadowOf(ref, true);
            index(idx);
        }
    }

    // ---- boxes and objects ----

    void unbox(Statement.UnboxAdd s) {
        Recovery ref = s.box();
        if (ref.kind == Recovery.Kind.PUSH) {
            l.popRef();
            out.add(new VarInsnNode(ASTORE, l.refTmp));
        }
        shadowOf(ref, false);
        out.add(new InsnNode(ICONST_0));
        out.add(new InsnNode(DUP2));
        out.add(new InsnNode(DALOAD));
        out.add(new VarInsnNode(DLOAD, l.variable(s.var())));
        out.add(new InsnNode(DADD));
        out.add(new InsnNode(DASTORE));
    }

    void box(Statement.BoxTake s) {
        l.popRef();
        out.add(new VarInsnNode(ASTORE, l.refTmp));
        int target = l.local(s.target());
        out.add(new VarInsnNode(DLOAD, target));
        out.add(new VarInsnNode(ALOAD, PullbackLocals.TAPE));
        out.add(new VarInsnNode(ALOAD, l.refTmp));
        out.add(TapeMethod.FIELD_SHADOW.call());
        out.add(new InsnNode(ICONST_0));
        out.add(new InsnNode(DALOAD));
        out.add(new InsnNode(DADD));
        out.add(new VarInsnNode(DSTORE, target));
    }

    /** A constructor that copied its parameters into fields: the fields' adjoints go back to the arguments. */
    void forwarded(Statement.ForwardFields s) {
        l.popRef();
        out.add(new VarInsnNode(ASTORE, l.refTmp));
        out.add(new VarInsnNode(ALOAD, PullbackLocals.TAPE));
        out.add(new VarInsnNode(ALOAD, l.refTmp));
        out.add(TapeMethod.FIELD_SHADOW.call());
        out.add(new VarInsnNode(ASTORE, l.shadowTmp));
        for (Statement.ForwardedField f : s.fields()) {
            if (f.target() != null) {
                int target = l.local(f.target());
                out.add(new VarInsnNode(DLOAD, target));
                out.add(new VarInsnNode(ALOAD, l.shadowTmp));
                out.add(Abi.slotConstant(f.owner(), f.name(), false));
                out.add(new InsnNode(DALOAD));
                out.add(new InsnNode(DADD));
                out.add(new VarInsnNode(DSTORE, target));
            }
            out.add(new VarInsnNode(ALOAD, l.shadowTmp));
            out.add(Abi.slotConstant(f.owner(), f.name(), false));
            out.add(new InsnNode(DCONST_0));
            out.add(new InsnNode(DASTORE));
        }
    }

    // ---- values recovered ----

    /** Pushes the shadow of the reference an instruction used: cached for frame values, looked up otherwise. */
    private void shadowOf(Recovery ref, boolean array) {
        TapeMethod method = array ? TapeMethod.ARRAY_SHADOW : TapeMethod.FIELD_SHADOW;
        if (ref.kind == Recovery.Kind.FRAME) {
            out.add(new VarInsnNode(ALOAD, array ? l.arrayCache[ref.value] : l.fieldCache[ref.value]));
        } else {
            out.add(new VarInsnNode(ALOAD, PullbackLocals.TAPE));
            out.add(new VarInsnNode(ALOAD, l.refTmp));
            out.add(method.call());
        }
    }

    /** Pushes an index the pullback has without popping it. */
    private void index(Recovery idx) {
        if (idx.kind == Recovery.Kind.CONSTANT) {
            out.add(new LdcInsnNode(idx.value));
        } else if (idx.kind == Recovery.Kind.REBUILD) {
            recomputation.integer(idx.value);
        } else if (idx.kind == Recovery.Kind.FRAME) {
            out.add(new VarInsnNode(ILOAD, l.frameLocal[idx.value]));
        } else {
            out.add(new VarInsnNode(ILOAD, l.indexTmp));
        }
    }
}
