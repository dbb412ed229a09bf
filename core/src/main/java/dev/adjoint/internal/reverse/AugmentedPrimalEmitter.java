package dev.adjoint.internal.reverse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

import dev.adjoint.internal.bytecode.TapeField;
import dev.adjoint.internal.bytecode.TapeMethod;
import dev.adjoint.internal.ir.Block;
import dev.adjoint.internal.bytecode.Abi;
import dev.adjoint.internal.adjoint.AugmentedPrimal;
import dev.adjoint.internal.adjoint.AugmentedPrimal.LoopExit;
import dev.adjoint.internal.adjoint.AugmentedPrimal.RecordedBlock;
import dev.adjoint.internal.adjoint.AugmentedPrimal.Recording;
import dev.adjoint.internal.adjoint.TapePush;
import dev.adjoint.internal.plan.DerivativePlan;
import dev.adjoint.internal.plan.EditedCopy;
import dev.adjoint.internal.plan.Frame;
import dev.adjoint.internal.plan.FrameValue;
import dev.adjoint.internal.plan.Recovery;
import dev.adjoint.internal.plan.Role;

/**
 * Lowers the {@link AugmentedPrimal} of a method to {@code m$fwd(receiver, args..., Tape)}: the original
 * computation, with what the IR says the pullback will read pushed onto the tape after each instruction has
 * completed — the partials of expression trees, the references and indices of heap accesses, receivers, where
 * control came from at merges, where the method returned, and where an exception left it. What to push is decided
 * by the IR; this class decides where values wait until they are pushed.
 */
final class AugmentedPrimalEmitter extends EditedCopy {

    private final String name;
    private final Frame frame;
    private final Map<Integer, RecordedBlock> blocks = new HashMap<>();
    private final Map<Integer, Recording> recordings = new HashMap<>();
    private final List<TapePush> unwinding;
    private final int countedLoops;
    private int previous = -1;
    private int progress = -1;
    private int objectTmp = -1;
    private int frozen = -1;
    private int receiver = -1;
    /** Per frame entry: the local that holds its array's copy (see {@code Snapshots}), or -1. */
    private int[] snapshot;
    /** Per counted loop: the local that counts its iterations. */
    private int[] counter;
    /** Exit edges that leave counted loops through a jump: the trampolines that tape the counts on the way. */
    private final List<Trampoline> trampolines = new ArrayList<>();

    /** Code that a jump out of counted loops is sent through: it pushes their counts, then goes to the target. */
    private record Trampoline(LabelNode label, LabelNode target, List<TapePush> counts) {
    }

    AugmentedPrimalEmitter(DerivativePlan plan, AugmentedPrimal ir, String name) {
        super(plan);
        this.name = name;
        this.frame = plan.frame();
        this.unwinding = ir.unwinding();
        this.countedLoops = ir.countedLoops();
        for (RecordedBlock b : ir.blocks()) {
            blocks.put(b.id(), b);
            for (Recording r : b.recordings()) {
                recordings.put(r.at(), r);
            }
        }
    }

    MethodNode emit() {
        return emit(name, Abi.fwdDescriptor(plan.owner, source.access, source.desc));
    }

    @Override
    protected void chooseKeptOperands() {
        for (Recording r : recordings.values()) {
            for (TapePush p : r.after()) {
                if (p instanceof TapePush.Reference ref && !ref.result()) {
                    keepOperand(r.at(), 0);
                } else if (p instanceof TapePush.Index) {
                    keepOperand(r.at(), 1);
                }
            }
        }
        for (int i = 0; i < flow.size(); i++) {
            Recovery ref = plan.recovery().reference(i);
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
        Recovery ref = plan.recovery().reference(i);
        LabelNode other = new LabelNode();
        if (ref.kind == Recovery.Kind.FRAME) {
            before.add(new VarInsnNode(ALOAD, local(frame.get(ref.value).slot)));
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
        for (RecordedBlock b : blocks.values()) {
            if (b.namesItself()) {
                previous = newLocal(Type.INT_TYPE);
                break;
            }
        }
        progress = newLocal(Type.INT_TYPE);
        objectTmp = newLocal(Type.getObjectType("java/lang/Object"));
        frozen = newLocal(Type.getObjectType("java/lang/Object"));
        snapshot = new int[frame.size()];
        java.util.Arrays.fill(snapshot, -1);
        for (int f = 0; f < frame.size(); f++) {
            if (frame.copied(f)) {
                snapshot[f] = newLocal(Type.getObjectType("java/lang/Object"));
            }
        }
        counter = new int[countedLoops];
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
        if (plan.edges().mayThrow(i)) {
            before.add(new LdcInsnNode(i));
            before.add(new VarInsnNode(ISTORE, progress));
        }
        if (plan.refusals().reason(i) != null) {
            emitRefusal(before, i);
        }
        Recording recording = recordings.get(i);
        if (recording != null) {
            lower(i, recording.before(), before);
        }
        spillOperands(i, before);
        spillResult(i, after);
        int store = copy[i].getOpcode();
        if ((store == DASTORE || store == FASTORE) && plan.recovery().reference(i) != null) {
            reportFrozenWrite(i, before);
        }
        boolean call = plan.variables().role(i) == Role.CALL;
        if (call) {
            // the callee pushes onto the same stacks: hand it the tops, take them back, check again
            writeBackTops(before);
            reloadStacks(after);
            startSegment(after);
        }
        if (recording != null) {
            lower(i, recording.after(), after);
        }
        int op = copy[i].getOpcode();
        if (op >= IRETURN && op <= RETURN) {
            writeBackTops(before);
        }
        if (call) {
            relinkCall(i, "fwd", 0);
        } else {
            replaceForConstruction(i);
        }
        copyAfterStore(i, after);
        if (lastInstruction(block) == i) {
            leaveLoops(blocks.get(block.id()), i, after);
        }
        insertAround(i, before, after);
    }

    /** After the one store of a local whose array the frame copies (see {@code Snapshots}): the copy. */
    private void copyAfterStore(int i, InsnList after) {
        for (int f = 0; f < frame.size(); f++) {
            if (frame.copied(f) && frame.copiedAfter(f) == i) {
                takeSnapshot(f, after);
            }
        }
    }

    /**
     * The edges from block {@code b} that leave counted loops tape the loops' counts: a fall-through edge right
     * after the block's last instruction, a jump through a trampoline it is redirected to.
     */
    private void leaveLoops(RecordedBlock b, int last, InsnList after) {
        AbstractInsnNode insn = copy[last];
        Block next = b.id() + 1 < flow.blocks().size() ? flow.blocks().get(b.id() + 1) : null;
        for (LoopExit exit : b.exits()) {
            Block x = flow.blocks().get(exit.to());
            LabelNode target = labelOf(x);
            LabelNode trampoline = new LabelNode();
            boolean jumped = false;
            if (insn instanceof JumpInsnNode && ((JumpInsnNode) insn).label == target) {
                ((JumpInsnNode) insn).label = trampoline;
                jumped = true;
            } else if (insn instanceof TableSwitchInsnNode) {
                TableSwitchInsnNode sw = (TableSwitchInsnNode) insn;
                jumped = retarget(sw.labels, target, trampoline);
                if (sw.dflt == target) {
                    sw.dflt = trampoline;
                    jumped = true;
                }
            } else if (insn instanceof LookupSwitchInsnNode) {
                LookupSwitchInsnNode sw = (LookupSwitchInsnNode) insn;
                jumped = retarget(sw.labels, target, trampoline);
                if (sw.dflt == target) {
                    sw.dflt = trampoline;
                    jumped = true;
                }
            }
            if (jumped) {
                trampolines.add(new Trampoline(trampoline, target, exit.counts()));
            } else if (x == next) {
                lower(-1, exit.counts(), after);
            }
        }
    }

    private static boolean retarget(List<LabelNode> labels, LabelNode from, LabelNode to) {
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
        RecordedBlock recorded = blocks.get(b.id());
        if (plan.reversal().poisonsOnEntry(b.id())) {
            code.add(new VarInsnNode(ALOAD, tape));
            refusalArguments(code, first, "an exception handler that control also reaches without an exception",
                    "Restructure the method so that its handler is entered only by exceptions");
            code.add(new InsnNode(POP));
        }
        for (TapePush p : recorded.onEntry()) {
            lower(first, List.of(p), code);
            if (p instanceof TapePush.ExceptionRecord) {
                // the record is taken: the next exception starts with no callee that recorded it
                code.add(new VarInsnNode(ALOAD, tape));
                code.add(new InsnNode(ICONST_0));
                code.add(TapeField.UNWOUND.put());
            }
        }
        for (AugmentedPrimal.Counting c : recorded.counting()) {
            if (c.starts()) {
                code.add(new InsnNode(ICONST_0));
                code.add(new VarInsnNode(ISTORE, counter[c.loop()]));
            } else {
                code.add(new IincInsnNode(counter[c.loop()], 1));
            }
        }
        if (recorded.namesItself()) {
            code.add(new LdcInsnNode(b.id()));
            code.add(new VarInsnNode(ISTORE, previous));
        }
    }

    // ---- the pushes ----

    /** Pushes, in order, what the IR says instruction {@code i} (-1: none) records at this point. */
    private void lower(int i, List<TapePush> pushes, InsnList code) {
        for (TapePush p : pushes) {
            if (p instanceof TapePush.Partials partials) {
                partials(partials, code);
            } else if (p instanceof TapePush.Predecessor) {
                pushInt(code, previous);
            } else if (p instanceof TapePush.ExceptionRecord) {
                pushExceptionRecord(code);
            } else if (p instanceof TapePush.OldValue old) {
                pushLocal(code, local(old.slot()), old.reference());
            } else if (p instanceof TapePush.Reference ref) {
                reference(i, ref, code);
            } else if (p instanceof TapePush.Index) {
                pushInt(code, operandLocal[i][1]);
            } else if (p instanceof TapePush.FrameValue f) {
                pushLocal(code, local(f.slot()), f.reference());
            } else if (p instanceof TapePush.SnapshotCopy c) {
                pushLocal(code, snapshot[c.entry()], true);
            } else if (p instanceof TapePush.WhichReturn r) {
                push(code, Stack.I, () -> code.add(new LdcInsnNode(r.block())));
            } else if (p instanceof TapePush.LoopCount c) {
                pushInt(code, counter[c.loop()]);
            } else {
                pushLocal(code, receiver, true);
            }
        }
    }

    private void pushInt(InsnList code, int local) {
        pushLocal(code, local, false);
    }

    private void pushLocal(InsnList code, int local, boolean reference) {
        push(code, reference ? Stack.O : Stack.I,
                () -> code.add(new VarInsnNode(reference ? ALOAD : ILOAD, local)));
    }

    /** The object a new or a box leaves, kept in a local on the way; otherwise the operand kept before it ran. */
    private void reference(int i, TapePush.Reference ref, InsnList code) {
        if (ref.result()) {
            code.add(new InsnNode(DUP));
            code.add(new VarInsnNode(ASTORE, objectTmp));
            pushLocal(code, objectTmp, true);
        } else {
            pushLocal(code, operandLocal[i][0], true);
        }
    }

    /**
     * A tree's partials. Those the pullback can recompute come last, in groups that read the same arrays; a
     * group is taped only when some array it reads is not the frozen input (see DerivativePlan.remat).
     */
    private void partials(TapePush.Partials p, InsnList after) {
        int[][] remat = p.remat();
        if (remat == null) {
            emitPartials(p.tree(), after, (leaf, partial, value) -> {
                if (!partial.isConst()) {
                    push(after, Stack.D, value);
                }
            });
            return;
        }
        Map<Integer, int[]> opens = new HashMap<>();
        for (int[] g : p.groups()) {
            opens.put(g[0], g);
        }
        LabelNode[] skip = {null};
        emitPartials(p.tree(), after, (leaf, partial, value) -> {
            if (opens.get(leaf) != null) {
                if (skip[0] != null) {
                    after.add(skip[0]);
                }
                skip[0] = new LabelNode();
                skipWhenStable(remat[leaf], skip[0], after);
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
        }, false, p.order());
        if (skip[0] != null) {
            after.add(skip[0]);
        }
    }

    /** Jumps to {@code skip} when every array of {@code frames} is the frozen input or has a copy. */
    private void skipWhenStable(int[] frames, LabelNode skip, InsnList after) {
        LabelNode record = new LabelNode();
        for (int f : frames) {
            if (snapshot[f] >= 0) {
                after.add(new VarInsnNode(ALOAD, snapshot[f]));
                after.add(new JumpInsnNode(IFNULL, record));
            } else {
                after.add(new VarInsnNode(ALOAD, local(frame.get(f).slot)));
                after.add(new VarInsnNode(ALOAD, frozen));
                after.add(new JumpInsnNode(IF_ACMPNE, record));
            }
        }
        after.add(new JumpInsnNode(GOTO, skip));
        after.add(record);
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

    /**
     * Copies, on entry, the parameters' arrays the frame says are copied (see {@code Snapshots}) when they may be:
     * the frozen input itself (nothing writes it), or a copy when the array is short enough and none of the
     * parameters the method stores through; null otherwise, and then their partials are taped. A local's copy is
     * null until its store ({@link #copyAfterStore}).
     */
    private void takeSnapshots(InsnList pro) {
        for (int f = 0; f < frame.size(); f++) {
            if (frame.copied(f) && frame.copiedAfter(f) >= 0) {
                pro.add(new InsnNode(ACONST_NULL));
                pro.add(new VarInsnNode(ASTORE, snapshot[f]));
            } else if (frame.copied(f)) {
                takeSnapshot(f, pro);
            }
        }
    }

    /**
     * Copies one array when it may be copied (none of the parameters stored through, nor of the locals its copy is
     * guarded against), else leaves its copy null.
     */
    private void takeSnapshot(int f, InsnList pro) {
        int array = local(frame.get(f).slot);
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
        pro.add(new LdcInsnNode(Frame.SNAPSHOT_LIMIT));
        pro.add(new JumpInsnNode(IF_ICMPGT, done));
        for (int w : frame.writers()) {
            pro.add(new VarInsnNode(ALOAD, array));
            pro.add(new VarInsnNode(ALOAD, local(w)));
            pro.add(new JumpInsnNode(IF_ACMPEQ, done));
        }
        for (int g : frame.guards(f)) {
            pro.add(new VarInsnNode(ALOAD, array));
            pro.add(new VarInsnNode(ALOAD, local(g)));
            pro.add(new JumpInsnNode(IF_ACMPEQ, done));
        }
        String desc = frame.copyType(f);
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
        for (int k = 0; k < frame.size(); k++) {
            FrameValue f = frame.get(k);
            // a mirrored local that is not a parameter gets a value, so that it can be taped from the start
            if (!frame.isParameter(k)) {
                boolean isInt = f.type.getSort() == Type.INT;
                pro.add(new InsnNode(isInt ? ICONST_0 : ACONST_NULL));
                pro.add(new VarInsnNode(isInt ? ISTORE : ASTORE, local(f.slot)));
            }
        }
        loadStacks(pro);
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
        for (Trampoline t : trampolines) {
            InsnList code = new InsnList();
            code.add(t.label());
            startSegment(code);
            lower(-1, t.counts(), code);
            code.add(new JumpInsnNode(GOTO, t.target()));
            out.add(code);
        }
        out.add(end);
        out.add(handler);
        abnormalExit(lock);
        m.tryCatchBlocks.add(new TryCatchBlockNode(start, end, handler, null));
        insertCapacityChecks();
    }

    /**
     * The outermost handler: an exception leaves this method. Records where (the frame values, the receiver for
     * the caller's pullback, the throwing instruction and whether its callee recorded too), releases the lock of a
     * synchronized method and rethrows.
     */
    private void abnormalExit(int lock) {
        InsnList code = new InsnList();
        reconcileStacks(code);
        startSegment(code);
        lower(-1, unwinding, code);
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
