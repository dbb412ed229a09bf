package dev.adjoint.internal.plan;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.ir.FlowValue;
import dev.adjoint.internal.rules.CallPolicy;

/**
 * The fourth stage: how the pullback gets the references and indices that the primal used at each heap access,
 * unboxing, virtual call and boxing ({@link Recovery}): a constant again, a mirrored local, integer arithmetic on
 * mirrored locals recomputed, or, failing those, taped at each use.
 */
public final class ValueRecovery implements Opcodes {

    private static final Type OBJECT = Type.getObjectType("java/lang/Object");

    private final MethodFacts m;
    /** The locals mirrored so far; later stages mirror more. */
    final MirroredLocals mirrors;
    /** Per instruction: the reference the pullback needs (heap access, virtual call), or null. */
    final Recovery[] refNeed;
    /** Per instruction: the index the pullback needs (array access), or null. */
    final Recovery[] indexNeed;

    /** @return how the pullback gets the reference instruction {@code i} used (heap access, virtual call), or null */
    public Recovery reference(int i) {
        return refNeed[i];
    }

    /** @return how the pullback gets the index instruction {@code i} used (array access), or null */
    public Recovery index(int i) {
        return indexNeed[i];
    }

    ValueRecovery(MethodFacts m, AdjointVariables variables) {
        this.m = m;
        this.mirrors = new MirroredLocals(m);
        this.refNeed = new Recovery[m.size()];
        this.indexNeed = new Recovery[m.size()];
        Role[] role = variables.role;
        for (int i = 0; i < m.size(); i++) {
            if (!m.isReachable(i)) {
                continue;
            }
            AbstractInsnNode insn = m.insn(i);
            int op = insn.getOpcode();
            boolean floatingStore = op == DASTORE || op == FASTORE
                    || (op == PUTFIELD || op == PUTSTATIC) && DerivativePlan.isFloating(((FieldInsnNode) insn).desc);
            if (role[i] == Role.HEAP_LOAD || floatingStore) {
                if (op == DALOAD || op == FALOAD || op == DASTORE || op == FASTORE) {
                    refNeed[i] = need(i, 0);
                    indexNeed[i] = need(i, 1);
                } else if (op == GETFIELD || op == PUTFIELD) {
                    refNeed[i] = need(i, 0);
                }
            } else if (role[i] == Role.UNBOX) {
                refNeed[i] = need(i, 0);
            } else if (role[i] == Role.CALL && (op == INVOKEVIRTUAL || op == INVOKEINTERFACE) && m.direct(i) == null) {
                refNeed[i] = need(i, 0);
            } else if (op == INVOKESTATIC && m.callKind(i) == CallPolicy.Kind.BOX
                    && variables.operandTarget(i, 0) != null || role[i] == Role.FORWARD_NEW) {
                refNeed[i] = new Recovery(Recovery.Kind.PUSH, 0, OBJECT);
            }
        }
    }

    /** Whether the pullback gets the array and index of heap access {@code i} without popping them. */
    boolean recoveredWithoutTape(int i) {
        return refNeed[i] != null && refNeed[i].kind != Recovery.Kind.PUSH
                && indexNeed[i] != null && indexNeed[i].kind != Recovery.Kind.PUSH;
    }

    private Recovery need(int i, int k) {
        FlowValue v = m.flow.operands(i)[k];
        Type type = v.type() != null && v.type().getSort() == Type.INT ? Type.INT_TYPE : OBJECT;
        int p = m.producingInstruction(i, k);
        if (p >= 0) {
            AbstractInsnNode insn = m.insn(p);
            if (type == Type.INT_TYPE) {
                Double c = m.constantOperand(i, k);
                if (c != null) {
                    return new Recovery(Recovery.Kind.CONSTANT, c.intValue(), type);
                }
            }
            if (mirrors.rebuildable(i, k)) {
                mirrors.mirrorReads(i, k);
                if (insn.getOpcode() == ALOAD || insn.getOpcode() == ILOAD) {
                    return new Recovery(Recovery.Kind.FRAME, mirrors.mirrorOf(((VarInsnNode) insn).var), type);
                }
                return new Recovery(Recovery.Kind.REBUILD, p, type);
            }
        }
        return new Recovery(Recovery.Kind.PUSH, 0, type);
    }
}
