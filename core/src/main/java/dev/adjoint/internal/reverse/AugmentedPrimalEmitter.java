package dev.adjoint.internal.reverse;

import java.util.List;

import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.bytecode.TapeField;
import dev.adjoint.internal.bytecode.TapeMethod;
import dev.adjoint.internal.ir.Block;
import dev.adjoint.internal.bytecode.Abi;
import dev.adjoint.internal.adjoint.PartialOrder;
import dev.adjoint.internal.plan.CountedLoop;
import dev.adjoint.internal.plan.DerivativePlan;
import dev.adjoint.internal.plan.EditedCopy;
import dev.adjoint.internal.plan.ExpressionTree;
import dev.adjoint.internal.plan.FrameValue;
import dev.adjoint.internal.plan.Recovery;
import dev.adjoint.internal.plan.Role;

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
    private int objectTmp = -1;
    private int frozen = -1;
    /** Per frame entry: the local that holds its array's copy (see {@code DerivativePlan.snapshot}), or -1. */
    private int[] snapshot;
    /** Per counted loop: the local that counts its iterations. */
    private int[] counter;
    /** Exit edges that leave counted loops through a jump: the trampolines that tape the counts on the way. */
    private final java.util.List<Object[]> trampolines = new java.util.ArrayList<>();

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
            Recovery ref = plan.refNeed[i];
            if (ref != null && ref.kind == Recovery.Kind.PUSH && !leavesObject(i)) {
                keepOperand(i, 0);
            }
            Recovery idx = plan.indexNeed[i];
            if (idx != null && idx.kind == Recovery.Kind.PUSH) {
                keepOperand(i, 1);
            }
            int op = flow.insn(i).getOpcode();
            if ((op == DASTORE || op == FASTORE) && ref != null && ref.kind != Recovery.Kind.FRAME) {
                keepOperand(i, 0); // for the check of writes to the frozen input
            }
        }
    }

    /**
     * A store into the frozen input (see {@code Tape.frozen}) is not made: the caller's array must not change, and
     * the partials this recording did not tape could no longer be recomputed. The augmented primal stops, and the
     * gradient runs again on a copy, without freezing.
     */
    private void reportFrozenWrite(int i, InsnList before) {
        Recovery ref = plan.refNeed[i];
        LabelNode other = new LabelNode();
        if (ref.kind == Recovery.Kind.FRAME) {
            before.add(new VarInsnNode(ALOAD, local(plan.frame.get(ref.value).slot)));
        } else {
            before.add(new VarInsnNode(ALOAD, operandLocal[i][0]));
        }
        before.add(new VarInsnNode(ALOAD, frozen));
        before.add(new JumpInsnNode(IF_ACMPNE, other));
        before.add(new VarInsnNode(ALOAD, tape));
        before.add(new org.objectweb.asm.tree.MethodInsnNode(INVOKESTATIC, Abi.REFUSALS, "frozenInputWritten",
                "(" + Abi.TAPE_DESC + ")Ljava/lang/RuntimeException;", false));
        before.add(new InsnNode(ATHROW));
        before.add(other);
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
        objectTmp = newLocal(Type.getObjectType("java/lang/Object"));
        frozen = newLocal(Type.getObjectType("java/lang/Object"));
        snapshot = new int[plan.frame.size()];
        java.util.Arrays.fill(snapshot, -1);
        for (int f = plan.snapshot.nextSetBit(0); f >= 0; f = plan.snapshot.nextSetBit(f + 1)) {
            snapshot[f] = newLocal(Type.getObjectType("java/lang/Object"));
        }
        counter = new int[plan.loops.size()];
        for (int k = 0; k < counter.length; k++) {
            counter[k] = newLocal(Type.INT_TYPE);
        }
        allocateStackCache();
    }

    @Override
    protected void edit(int i) {
        InsnList before = new InsnList();
        InsnList after = new InsnList();
        Block block = flow.blockOf(i);
        if (firstInstruction(block) == i) {
            if (block.handlerEntry()) {
                reconcileStacks(before);
            }
            startSegment(before);
            emitBlockEntry(block, i, before);
        }
        if (plan.throwers[i]) {
            before.add(new LdcInsnNode(i));
            before.add(new VarInsnNode(ISTORE, progress));
        }
        if (plan.blocked[i] != null) {
            emitRefusal(before, i, plan.blocked[i], plan.advice[i]);
        }
        if (plan.writesMirror[i] && copy[i].getOpcode() != IINC) {
            // a mirrored local is about to change: tape the value it had, the pullback restores it here
            int slot = ((VarInsnNode) copy[i]).var; // the copy's slot is already remapped
            boolean isInt = copy[i].getOpcode() == ISTORE;
            push(before, isInt ? Stack.I : Stack.O, () -> before.add(new VarInsnNode(isInt ? ILOAD : ALOAD, slot)));
        }
        spillOperands(i, before);
        spillResult(i, after);
        int store = copy[i].getOpcode();
        if ((store == DASTORE || store == FASTORE) && plan.refNeed[i] != null) {
            reportFrozenWrite(i, before);
        }
        ExpressionTree tree = plan.trees.get(i);
        if (tree != null) {
            int[][] remat = plan.remat.get(i);
            if (remat == null) {
                emitPartials(tree, after, (leaf, partial, value) -> {
                    if (!partial.isConst()) {
                        push(after, Stack.D, value);
                    }
                });
            } else {
                // the partials the pullback can recompute come last, in groups that read the same arrays; a
                // group is taped only when some array it reads is not the frozen input (see DerivativePlan.remat)
                List<int[]> groups = PartialOrder.groups(remat);
                int[] order = PartialOrder.recomputableLast(remat, groups);
                java.util.Map<Integer, int[]> opens = new java.util.HashMap<>();
                java.util.Map<Integer, LabelNode> closes = new java.util.HashMap<>();
                for (int[] g : groups) {
                    opens.put(g[0], g);
                }
                LabelNode[] skip = {null};
                emitPartials(tree, after, (leaf, partial, value) -> {
                    int[] g = opens.get(leaf);
                    if (g != null) {
                        if (skip[0] != null) {
                            after.add(skip[0]);
                        }
                        LabelNode record = new LabelNode();
                        skip[0] = new LabelNode();
                        for (int f : remat[leaf]) {
                            if (snapshot[f] >= 0) {
                                after.add(new VarInsnNode(ALOAD, snapshot[f]));
                                after.add(new JumpInsnNode(IFNULL, record));
                            } else {
                                after.add(new VarInsnNode(ALOAD, local(plan.frame.get(f).slot)));
                                after.add(new VarInsnNode(ALOAD, frozen));
                                after.add(new JumpInsnNode(IF_ACMPNE, record));
                            }
                        }
                        after.add(new JumpInsnNode(GOTO, skip[0]));
                        after.add(record);
                    }
                    if (!partial.isConst()) {
                        if (skip[0] != null) {
                            // taped only when an array it reads is neither frozen nor copied: with its own capacity
                            // check, off the segment's count, so that the usual path checks nothing for it
                            pushChecked(after, Stack.D, value);
                        } else {
                            push(after, Stack.D, value);
                        }
                    }
                }, false, order);
                if (skip[0] != null) {
                    after.add(skip[0]);
                }
            }
        }
        boolean call = plan.role[i] == Role.CALL;
        if (call) {
            // the callee pushes onto the same stacks: hand it the tops, take them back, check again
            writeBackTops(before);
            reloadStacks(after);
            startSegment(after);
        }
        Recovery ref = plan.refNeed[i];
        if (ref != null && ref.kind == Recovery.Kind.PUSH) {
            if (leavesObject(i)) {
                after.add(new InsnNode(DUP));
                after.add(new VarInsnNode(ASTORE, objectTmp));
                push(after, Stack.O, () -> after.add(new VarInsnNode(ALOAD, objectTmp)));
            } else {
                int local = operandLocal[i][0];
                push(after, Stack.O, () -> after.add(new VarInsnNode(ALOAD, local)));
            }
        }
        Recovery idx = plan.indexNeed[i];
        if (idx != null && idx.kind == Recovery.Kind.PUSH) {
            int local = operandLocal[i][1];
            push(after, Stack.I, () -> after.add(new VarInsnNode(ILOAD, local)));
        }
        int op = copy[i].getOpcode();
        if (op >= IRETURN && op <= RETURN) {
            emitExit(i, before);
            writeBackTops(before);
        }
        if (call) {
            relinkCall(i, "fwd", 0);
        } else {
            replaceForConstruction(i);
        }
        if (lastInstruction(block) == i) {
            leaveLoops(block, i, after);
        }
        insertAround(i, before, after);
    }

    /**
     * The edges from block {@code b} that leave counted loops tape the loops' counts: a fall-through edge right
     * after the block's last instruction, a jump through a trampoline it is redirected to.
     */
    private void leaveLoops(Block b, int last, InsnList after) {
        AbstractInsnNode insn = copy[last];
        Block next = b.id() + 1 < flow.blocks().size() ? flow.blocks().get(b.id() + 1) : null;
        for (Block x : b.successors()) {
            java.util.List<CountedLoop> left = DerivativePlan.taped(plan.loopsLeft(b.id(), x.id()));
            if (left.isEmpty()) {
                continue;
            }
            LabelNode target = labelOf(x);
            LabelNode trampoline = new LabelNode();
            boolean jumped = false;
            if (insn instanceof org.objectweb.asm.tree.JumpInsnNode
                    && ((org.objectweb.asm.tree.JumpInsnNode) insn).label == target) {
                ((org.objectweb.asm.tree.JumpInsnNode) insn).label = trampoline;
                jumped = true;
            } else if (insn instanceof org.objectweb.asm.tree.TableSwitchInsnNode) {
                org.objectweb.asm.tree.TableSwitchInsnNode sw = (org.objectweb.asm.tree.TableSwitchInsnNode) insn;
                jumped = retarget(sw.labels, target, trampoline);
                if (sw.dflt == target) {
                    sw.dflt = trampoline;
                    jumped = true;
                }
            } else if (insn instanceof org.objectweb.asm.tree.LookupSwitchInsnNode) {
                org.objectweb.asm.tree.LookupSwitchInsnNode sw = (org.objectweb.asm.tree.LookupSwitchInsnNode) insn;
                jumped = retarget(sw.labels, target, trampoline);
                if (sw.dflt == target) {
                    sw.dflt = trampoline;
                    jumped = true;
                }
            }
            if (jumped) {
                trampolines.add(new Object[] {trampoline, target, left});
            } else if (x == next) {
                pushCounts(after, left);
            }
        }
    }

    private static boolean retarget(java.util.List<LabelNode> labels, LabelNode from, LabelNode to) {
        boolean any = false;
        for (int k = 0; k < labels.size(); k++) {
            if (labels.get(k) == from) {
                labels.set(k, to);
                any = true;
            }
        }
        return any;
    }

    /** The label that starts a block in the copy. */
    private LabelNode labelOf(Block x) {
        for (int i = x.first(); i <= x.last(); i++) {
            if (copy[i] instanceof LabelNode) {
                return (LabelNode) copy[i];
            }
        }
        return null;
    }

    private void pushCounts(InsnList code, java.util.List<CountedLoop> left) {
        for (CountedLoop loop : left) {
            int c = counter[plan.loops.indexOf(loop)];
            push(code, Stack.I, () -> code.add(new VarInsnNode(ILOAD, c)));
        }
    }

    private int lastInstruction(Block b) {
        for (int i = b.last(); i >= b.first(); i--) {
            if (flow.isInstruction(i)) {
                return i;
            }
        }
        return -1;
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
            pushExceptionRecord(code);
            code.add(new VarInsnNode(ALOAD, tape));
            code.add(new InsnNode(ICONST_0));
            code.add(TapeField.UNWOUND.put());
        }
        if (plan.records[b.id()]) {
            push(code, Stack.I, () -> code.add(new VarInsnNode(ILOAD, previous)));
        }
        for (int k = 0; k < counter.length; k++) {
            CountedLoop loop = plan.loops.get(k);
            if (loop.derived()) {
                continue; // its index counts it
            }
            if (loop.entry == b.id()) {
                code.add(new InsnNode(ICONST_0));
                code.add(new VarInsnNode(ISTORE, counter[k]));
            }
            if (loop.latch == b.id()) {
                code.add(new org.objectweb.asm.tree.IincInsnNode(counter[k], 1));
            }
        }
        if (plan.setsPrevious[b.id()]) {
            code.add(new LdcInsnNode(b.id()));
            code.add(new VarInsnNode(ISTORE, previous));
        }
    }

    /**
     * Pushes {@code 2 * thrower + unwound}: the instruction that threw and whether its callee recorded where the
     * exception left it.
     */
    private void pushExceptionRecord(InsnList code) {
        push(code, Stack.I, () -> {
            code.add(new VarInsnNode(ILOAD, progress));
            code.add(new InsnNode(ICONST_1));
            code.add(new InsnNode(ISHL));
            code.add(new VarInsnNode(ALOAD, tape));
            code.add(TapeField.UNWOUND.get());
            code.add(new InsnNode(IOR));
        });
    }

    private void emitExit(int i, InsnList code) {
        pushFrame(code);
        if (plan.exits.size() > 1) {
            int id = flow.blockOf(i).id();
            push(code, Stack.I, () -> code.add(new LdcInsnNode(id)));
        }
    }

    /** Pushes the values the pullback reads once per call: parameters that are never assigned. */
    private void pushFrame(InsnList code) {
        for (int k = 0; k < plan.frame.size(); k++) {
            FrameValue f = plan.frame.get(k);
            int slot = local(f.slot);
            if (f.type.getSort() == Type.INT) {
                push(code, Stack.I, () -> code.add(new VarInsnNode(ILOAD, slot)));
            } else {
                push(code, Stack.O, () -> code.add(new VarInsnNode(ALOAD, slot)));
            }
            int copy = snapshot[k];
            if (copy >= 0) {
                push(code, Stack.O, () -> code.add(new VarInsnNode(ALOAD, copy)));
            }
        }
    }

    /**
     * Copies, on entry, the arrays of {@code DerivativePlan.snapshot} that may be copied: the frozen input itself
     * (nothing writes it), or a copy when the array is short enough and none of the parameters the method stores
     * through; null otherwise, and then their partials are taped.
     */
    private void takeSnapshots(InsnList pro) {
        for (int f = plan.snapshot.nextSetBit(0); f >= 0; f = plan.snapshot.nextSetBit(f + 1)) {
            int array = local(plan.frame.get(f).slot);
            LabelNode done = new LabelNode();
            pro.add(new VarInsnNode(ALOAD, array));
            pro.add(new VarInsnNode(ASTORE, snapshot[f]));
            pro.add(new VarInsnNode(ALOAD, array));
            pro.add(new VarInsnNode(ALOAD, frozen));
            pro.add(new JumpInsnNode(IF_ACMPEQ, done));
            pro.add(new InsnNode(ACONST_NULL));
            pro.add(new VarInsnNode(ASTORE, snapshot[f]));
            pro.add(new VarInsnNode(ALOAD, array));
            pro.add(new JumpInsnNode(IFNULL, done));
            pro.add(new VarInsnNode(ALOAD, array));
            pro.add(new InsnNode(ARRAYLENGTH));
            pro.add(new LdcInsnNode(DerivativePlan.SNAPSHOT_LIMIT));
            pro.add(new JumpInsnNode(IF_ICMPGT, done));
            for (int w : plan.snapshotWriters) {
                pro.add(new VarInsnNode(ALOAD, array));
                pro.add(new VarInsnNode(ALOAD, local(w)));
                pro.add(new JumpInsnNode(IF_ACMPEQ, done));
            }
            String desc = plan.parameterType(plan.frame.get(f).slot);
            pro.add(new VarInsnNode(ALOAD, array));
            pro.add(new org.objectweb.asm.tree.TypeInsnNode(CHECKCAST, desc));
            pro.add(new org.objectweb.asm.tree.MethodInsnNode(INVOKEVIRTUAL, desc, "clone",
                    "()Ljava/lang/Object;", false));
            pro.add(new VarInsnNode(ASTORE, snapshot[f]));
            pro.add(new VarInsnNode(ALOAD, tape));
            pro.add(new VarInsnNode(ALOAD, snapshot[f]));
            pro.add(TapeMethod.NOTE_COPY.call());
            pro.add(done);
        }
    }

    /** After a call: the tops the callee left, and the arrays if it grew them. */
    private void reloadStacks(InsnList code) {
        loadStacks(code);
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
        pro.add(new InsnNode(ACONST_NULL));
        pro.add(new VarInsnNode(ASTORE, objectTmp));
        pro.add(new VarInsnNode(ALOAD, tape));
        pro.add(TapeField.FROZEN.get());
        pro.add(new VarInsnNode(ASTORE, frozen));
        takeSnapshots(pro);
        for (int c : counter) {
            pro.add(new InsnNode(ICONST_0));
            pro.add(new VarInsnNode(ISTORE, c));
        }
        for (FrameValue f : plan.frame) {
            // a mirrored local that is not a parameter gets a value, so that it can be taped from the start
            if (!plan.isParameterSlot(f.slot)) {
                boolean isInt = f.type.getSort() == Type.INT;
                pro.add(new InsnNode(isInt ? ICONST_0 : ACONST_NULL));
                pro.add(new VarInsnNode(isInt ? ISTORE : ASTORE, local(f.slot)));
            }
        }
        loadStacks(pro);
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
        for (Object[] t : trampolines) {
            InsnList code = new InsnList();
            code.add((LabelNode) t[0]);
            startSegment(code);
            @SuppressWarnings("unchecked")
            java.util.List<CountedLoop> left = (java.util.List<CountedLoop>) t[2];
            pushCounts(code, left);
            code.add(new org.objectweb.asm.tree.JumpInsnNode(GOTO, (LabelNode) t[1]));
            out.add(code);
        }
        out.add(end);
        out.add(handler);
        abnormalExit(receiver, lock);
        m.tryCatchBlocks.add(new TryCatchBlockNode(start, end, handler, null));
        insertCapacityChecks();
    }

    /**
     * The outermost handler: an exception leaves this method. Records where (the frame values, the receiver for
     * the caller's pullback, the throwing instruction and whether its callee recorded too), releases the lock of a
     * synchronized method and rethrows.
     */
    private void abnormalExit(int receiver, int lock) {
        InsnList code = new InsnList();
        reconcileStacks(code);
        startSegment(code);
        pushFrame(code);
        for (int k = 0; k < counter.length; k++) {
            int c = counter[k];
            if (!plan.loops.get(k).derived()) {
                push(code, Stack.I, () -> code.add(new VarInsnNode(ILOAD, c)));
            }
        }
        if (receiver >= 0) {
            push(code, Stack.O, () -> code.add(new VarInsnNode(ALOAD, receiver)));
        }
        pushExceptionRecord(code);
        writeBackTops(code);
        code.add(new VarInsnNode(ALOAD, tape));
        code.add(new InsnNode(ICONST_1));
        code.add(TapeField.UNWOUND.put());
        if (lock >= 0) {
            code.add(new VarInsnNode(ALOAD, lock));
            code.add(new InsnNode(MONITOREXIT));
        }
        code.add(new InsnNode(ATHROW));
        out.add(code);
    }
}
