package dev.adjoint.internal.reverse;

import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.ir.Block;
import dev.adjoint.internal.plan.Abi;
import dev.adjoint.internal.plan.DerivativePlan;
import dev.adjoint.internal.plan.EditedCopy;

/**
 * Writes the augmented primal {@code m$fwd(receiver, args..., Tape)} of a method: the original computation, with
 * what the pullback will read pushed onto the tape after each instruction has completed — the partials of
 * expression trees, the references and indices of heap accesses, receivers, where control came from at merges,
 * where the method returned, and where an exception left it.
 */
final class AugmentedPrimalEmitter extends EditedCopy {

    private final String name;
    private int previous = -1;
    private int progress = -1;

    AugmentedPrimalEmitter(DerivativePlan plan, String name) {
        super(plan);
        this.name = name;
    }

    MethodNode emit() {
        return emit(name, Abi.fwdDescriptor(plan.owner, source.access, source.desc));
    }

    @Override
    protected void chooseKeptOperands() {
        for (int i = 0; i < flow.size(); i++) {
            DerivativePlan.Need ref = plan.refNeed[i];
            if (ref != null && ref.kind == DerivativePlan.Need.Kind.PUSH && !leavesObject(i)) {
                keepOperand(i, 0);
            }
            DerivativePlan.Need idx = plan.indexNeed[i];
            if (idx != null && idx.kind == DerivativePlan.Need.Kind.PUSH) {
                keepOperand(i, 1);
            }
        }
    }

    @Override
    protected void beforeEditing() {
        for (boolean b : plan.setsPrevious) {
            if (b) {
                previous = newLocal(Type.INT_TYPE);
                break;
            }
        }
        progress = newLocal(Type.INT_TYPE);
    }

    @Override
    protected void edit(int i) {
        InsnList before = new InsnList();
        InsnList after = new InsnList();
        Block block = flow.blockOf(i);
        if (firstInstruction(block) == i) {
            emitBlockEntry(block, i, before);
        }
        if (plan.throwers[i]) {
            before.add(new LdcInsnNode(i));
            before.add(new VarInsnNode(ISTORE, progress));
        }
        if (plan.blocked[i] != null) {
            emitRefusal(before, i, plan.blocked[i], plan.advice[i]);
        }
        spillOperands(i, before);
        spillResult(i, after);
        DerivativePlan.Tree tree = plan.trees.get(i);
        if (tree != null) {
            emitPartials(tree, after, (leaf, partial, value) -> {
                if (!partial.isConst()) {
                    after.add(new VarInsnNode(ALOAD, tape));
                    value.run();
                    after.add(tapeCall("pushD", "(D)V"));
                }
            });
        }
        DerivativePlan.Need ref = plan.refNeed[i];
        if (ref != null && ref.kind == DerivativePlan.Need.Kind.PUSH) {
            if (leavesObject(i)) {
                after.add(new InsnNode(DUP));
                after.add(new VarInsnNode(ALOAD, tape));
                after.add(new InsnNode(SWAP));
            } else {
                after.add(new VarInsnNode(ALOAD, tape));
                after.add(new VarInsnNode(ALOAD, operandLocal[i][0]));
            }
            after.add(tapeCall("pushO", "(Ljava/lang/Object;)V"));
        }
        DerivativePlan.Need idx = plan.indexNeed[i];
        if (idx != null && idx.kind == DerivativePlan.Need.Kind.PUSH) {
            after.add(new VarInsnNode(ALOAD, tape));
            after.add(new VarInsnNode(ILOAD, operandLocal[i][1]));
            after.add(tapeCall("pushI", "(I)V"));
        }
        int op = copy[i].getOpcode();
        if (op >= IRETURN && op <= RETURN) {
            emitExit(i, before);
        }
        if (plan.role[i] == DerivativePlan.Role.CALL) {
            relinkCall(i, "fwd", 0);
        } else {
            replaceForConstruction(i);
        }
        insertAround(i, before, after);
    }

    // ---- control flow ----

    /** At the top of a block: record which instruction threw (handlers), or where control came from (merges). */
    private void emitBlockEntry(Block b, int first, InsnList code) {
        if (plan.poisonsOnEntry[b.id()]) {
            code.add(new VarInsnNode(ALOAD, tape));
            refusalArguments(code, first, "an exception handler that control also reaches without an exception",
                    "Restructure the method so that its handler is entered only by exceptions");
            code.add(new InsnNode(POP));
        } else if (b.handlerEntry()) {
            code.add(new VarInsnNode(ALOAD, tape));
            pushExceptionRecord(code);
            code.add(new VarInsnNode(ALOAD, tape));
            code.add(new InsnNode(ICONST_0));
            code.add(new FieldInsnNode(PUTFIELD, Abi.TAPE, "unwound", "Z"));
        }
        if (plan.records[b.id()]) {
            code.add(new VarInsnNode(ALOAD, tape));
            code.add(new VarInsnNode(ILOAD, previous));
            code.add(tapeCall("pushI", "(I)V"));
        }
        if (plan.setsPrevious[b.id()]) {
            code.add(new LdcInsnNode(b.id()));
            code.add(new VarInsnNode(ISTORE, previous));
        }
    }

    /**
     * With the tape on the stack: pushes {@code 2 * thrower + unwound}, the instruction that threw and whether its
     * callee recorded where the exception left it.
     */
    private void pushExceptionRecord(InsnList code) {
        code.add(new VarInsnNode(ILOAD, progress));
        code.add(new InsnNode(ICONST_1));
        code.add(new InsnNode(ISHL));
        code.add(new VarInsnNode(ALOAD, tape));
        code.add(new FieldInsnNode(GETFIELD, Abi.TAPE, "unwound", "Z"));
        code.add(new InsnNode(IOR));
        code.add(tapeCall("pushI", "(I)V"));
    }

    private void emitExit(int i, InsnList code) {
        pushFrame(code);
        if (plan.exits.size() > 1) {
            code.add(new VarInsnNode(ALOAD, tape));
            code.add(new LdcInsnNode(flow.blockOf(i).id()));
            code.add(tapeCall("pushI", "(I)V"));
        }
    }

    /** Pushes the values the pullback reads once per call: parameters that are never assigned. */
    private void pushFrame(InsnList code) {
        for (DerivativePlan.FrameValue f : plan.frame) {
            code.add(new VarInsnNode(ALOAD, tape));
            if (f.type.getSort() == Type.INT) {
                code.add(new VarInsnNode(ILOAD, local(f.slot)));
                code.add(tapeCall("pushI", "(I)V"));
            } else {
                code.add(new VarInsnNode(ALOAD, local(f.slot)));
                code.add(tapeCall("pushO", "(Ljava/lang/Object;)V"));
            }
        }
    }

    @Override
    protected void finish(MethodNode m) {
        InsnList pro = new InsnList();
        if (previous >= 0) {
            pro.add(new LdcInsnNode(DerivativePlan.ENTRY));
            pro.add(new VarInsnNode(ISTORE, previous));
        }
        pro.add(new InsnNode(ICONST_M1));
        pro.add(new VarInsnNode(ISTORE, progress));
        int receiver = -1;
        if ((source.access & ACC_STATIC) == 0) {
            receiver = newLocal(Type.getObjectType("java/lang/Object"));
            pro.add(new VarInsnNode(ALOAD, 0));
            pro.add(new VarInsnNode(ASTORE, receiver));
        }
        int lock = -1;
        if ((source.access & ACC_SYNCHRONIZED) != 0) {
            lock = lockAndUnlockAtReturns(pro);
        }
        LabelNode start = new LabelNode();
        LabelNode end = new LabelNode();
        LabelNode handler = new LabelNode();
        pro.add(start);
        out.insert(pro);
        out.add(end);
        out.add(handler);
        abnormalExit(receiver, lock);
        m.tryCatchBlocks.add(new TryCatchBlockNode(start, end, handler, null));
    }

    /**
     * The outermost handler: an exception leaves this method. Records where (the frame values, the receiver for
     * the caller's pullback, the throwing instruction and whether its callee recorded too), releases the lock of a
     * synchronized method and rethrows.
     */
    private void abnormalExit(int receiver, int lock) {
        InsnList code = new InsnList();
        pushFrame(code);
        if (receiver >= 0) {
            code.add(new VarInsnNode(ALOAD, tape));
            code.add(new VarInsnNode(ALOAD, receiver));
            code.add(tapeCall("pushO", "(Ljava/lang/Object;)V"));
        }
        code.add(new VarInsnNode(ALOAD, tape));
        pushExceptionRecord(code);
        code.add(new VarInsnNode(ALOAD, tape));
        code.add(new InsnNode(ICONST_1));
        code.add(new FieldInsnNode(PUTFIELD, Abi.TAPE, "unwound", "Z"));
        if (lock >= 0) {
            code.add(new VarInsnNode(ALOAD, lock));
            code.add(new InsnNode(MONITOREXIT));
        }
        code.add(new InsnNode(ATHROW));
        out.add(code);
    }
}
