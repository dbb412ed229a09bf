package dev.adjoint.internal.outline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * The types of a method's locals and stack, and which locals are live, at every instruction. Frames are kept only
 * where blocks begin and replayed inside a block on demand: generated methods can have thousands of locals and tens
 * of thousands of instructions, too many for a frame per instruction.
 */
final class Flow {

    final MethodNode method;
    final AbstractInsnNode[] insns;
    /** The stack depth before each instruction; -1 where no path reaches it. */
    final int[] depth;
    /** The lowest the stack gets while each instruction runs (after it pops its operands). */
    final int[] low;
    private final HierarchyVerifier interpreter;
    private final boolean[] leader;
    private final Frame<BasicValue>[] entry;
    private final BitSet[] liveIn;
    /** Per instruction, the handlers whose range covers it; constant within a block (ranges begin and end at
     * leaders). */
    private final int[][] handlers;
    /** Per instruction, the first instruction of its block. */
    private final int[] blockOf;
    /** The locals live before each instruction of the block {@link #liveBlock}, which {@link #liveAt} asks for
     * instruction after instruction: one backward pass per block instead of one per question. */
    private BitSet[] liveInBlock;
    private int liveBlock = -1;

    private final int maxLocals;

    @SuppressWarnings("unchecked")
    Flow(String owner, MethodNode method, HierarchyVerifier interpreter) throws AnalyzerException {
        this.maxLocals = maxLocals(method);
        this.method = method;
        this.insns = method.instructions.toArray();
        this.interpreter = interpreter;
        int n = insns.length;
        this.depth = new int[n + 1];
        this.low = new int[n + 1];
        this.leader = new boolean[n + 1];
        this.entry = new Frame[n + 1];
        this.liveIn = new BitSet[n + 1];
        this.handlers = new int[n + 1][];
        this.blockOf = new int[n + 1];
        Arrays.fill(depth, -1);
        findLeaders();
        types(owner);
        liveness();
    }

    int index(AbstractInsnNode insn) {
        return method.instructions.indexOf(insn);
    }

    /** The handlers (indexes of {@link MethodNode#tryCatchBlocks}) whose range covers an instruction. */
    List<Integer> handlersAt(int i) {
        List<Integer> out = new ArrayList<>();
        for (int h : handlers[i]) {
            out.add(h);
        }
        return out;
    }

    private void findLeaders() {
        leader[0] = true;
        for (int i = 0; i < insns.length; i++) {
            for (LabelNode target : targets(insns[i])) {
                leader[index(target)] = true;
            }
            if (endsBlock(insns[i])) {
                leader[i + 1] = true;
            }
        }
        int[] covering = new int[insns.length + 1];
        for (TryCatchBlockNode tcb : method.tryCatchBlocks) {
            leader[index(tcb.start)] = true;
            leader[index(tcb.end)] = true;
            leader[index(tcb.handler)] = true;
            for (int i = index(tcb.start); i < index(tcb.end); i++) {
                covering[i]++;
            }
        }
        int[] none = new int[0];
        for (int i = 0; i <= insns.length; i++) {
            handlers[i] = covering[i] == 0 ? none : new int[covering[i]];
            blockOf[i] = leader[i] || i == 0 ? i : blockOf[i - 1];
        }
        Arrays.fill(covering, 0);
        for (int h = 0; h < method.tryCatchBlocks.size(); h++) {
            TryCatchBlockNode tcb = method.tryCatchBlocks.get(h);
            for (int i = index(tcb.start); i < index(tcb.end); i++) {
                handlers[i][covering[i]++] = h;
            }
        }
    }

    static List<LabelNode> targets(AbstractInsnNode insn) {
        if (insn instanceof JumpInsnNode) {
            return List.of(((JumpInsnNode) insn).label);
        }
        if (!(insn instanceof TableSwitchInsnNode) && !(insn instanceof LookupSwitchInsnNode)) {
            return List.of();
        }
        List<LabelNode> out = new ArrayList<>();
        if (insn instanceof TableSwitchInsnNode) {
            out.add(((TableSwitchInsnNode) insn).dflt);
            out.addAll(((TableSwitchInsnNode) insn).labels);
        } else if (insn instanceof LookupSwitchInsnNode) {
            out.add(((LookupSwitchInsnNode) insn).dflt);
            out.addAll(((LookupSwitchInsnNode) insn).labels);
        }
        return out;
    }

    static boolean endsBlock(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        return insn instanceof JumpInsnNode || insn instanceof TableSwitchInsnNode
                || insn instanceof LookupSwitchInsnNode || (op >= Opcodes.IRETURN && op <= Opcodes.RETURN)
                || op == Opcodes.ATHROW || op == Opcodes.RET;
    }

    /** Whether control can go from an instruction to the next one. */
    static boolean fallsThrough(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        return !(op == Opcodes.GOTO || insn instanceof TableSwitchInsnNode || insn instanceof LookupSwitchInsnNode
                || (op >= Opcodes.IRETURN && op <= Opcodes.RETURN) || op == Opcodes.ATHROW || op == Opcodes.RET);
    }

    // ---------------------------------------------------------------- types

    private void types(String owner) throws AnalyzerException {
        // the real bound is computed when the class is written; more than this, and the method is left whole
        Frame<BasicValue> first = new Frame<>(maxLocals, Math.max(method.maxStack, 512));
        first.setReturn(interpreter.newReturnTypeValue(Type.getReturnType(method.desc)));
        int slot = 0;
        if ((method.access & Opcodes.ACC_STATIC) == 0) {
            first.setLocal(slot++, interpreter.newValue(Type.getObjectType(owner)));
        }
        for (Type t : Type.getArgumentTypes(method.desc)) {
            first.setLocal(slot++, interpreter.newParameterValue(false, slot - 1, t));
            if (t.getSize() == 2) {
                first.setLocal(slot++, interpreter.newEmptyValue(slot - 1));
            }
        }
        while (slot < maxLocals) {
            first.setLocal(slot++, interpreter.newEmptyValue(slot - 1));
        }
        entry[0] = first;
        Deque<Integer> work = new ArrayDeque<>();
        work.add(0);
        boolean[] queued = new boolean[insns.length + 1];
        queued[0] = true;
        while (!work.isEmpty()) {
            int b = work.poll();
            queued[b] = false;
            for (int s : runBlock(b)) {
                if (!queued[s]) {
                    queued[s] = true;
                    work.add(s);
                }
            }
        }
    }

    /** Interprets one block from its entry frame; @return the blocks whose entry frames changed */
    private List<Integer> runBlock(int b) throws AnalyzerException {
        List<Integer> changed = new ArrayList<>();
        LowWater f = new LowWater(entry[b]);
        for (int i = b; i < insns.length; i++) {
            depth[i] = f.getStackSize();
            mergeIntoHandlers(i, f, i == b ? -1 : storedSlot(insns[i - 1]), changed);
            AbstractInsnNode insn = insns[i];
            f.low = f.getStackSize();
            if (insn.getOpcode() >= 0) {
                f.execute(insn, interpreter);
            }
            low[i] = f.low;
            for (LabelNode target : targets(insn)) {
                merge(index(target), f, changed);
            }
            if (!fallsThrough(insn)) {
                return changed;
            }
            if (leader[i + 1]) {
                merge(i + 1, f, changed);
                return changed;
            }
        }
        depth[insns.length] = f.getStackSize();
        return changed;
    }

    /** A frame that notes how low its stack gets. */
    private static final class LowWater extends Frame<BasicValue> {
        int low;

        LowWater(Frame<BasicValue> frame) {
            super(frame);
        }

        @Override
        public BasicValue pop() {
            BasicValue v = super.pop();
            low = Math.min(low, getStackSize());
            return v;
        }
    }

    private void merge(int target, Frame<BasicValue> f, List<Integer> changed) throws AnalyzerException {
        if (entry[target] == null) {
            entry[target] = new Frame<>(f);
            changed.add(target);
        } else if (entry[target].merge(f, interpreter)) {
            changed.add(target);
        }
    }

    /** Handlers see the locals before every instruction of their range: all of them at a block's start, then
     * only the one an instruction stored. */
    private void mergeIntoHandlers(int i, Frame<BasicValue> f, int stored, List<Integer> changed)
            throws AnalyzerException {
        if (stored == -2) {
            return;
        }
        for (int h : handlers[i]) {
            TryCatchBlockNode tcb = method.tryCatchBlocks.get(h);
            int target = index(tcb.handler);
            Frame<BasicValue> e = entry[target];
            if (e == null || stored == -1) {
                Frame<BasicValue> handler = new Frame<>(f);
                handler.clearStack();
                handler.push(interpreter.newExceptionValue(tcb, handler,
                        Type.getObjectType(tcb.type == null ? "java/lang/Throwable" : tcb.type)));
                merge(target, handler, changed);
                continue;
            }
            BasicValue old = e.getLocal(stored);
            BasicValue merged = interpreter.merge(old, f.getLocal(stored));
            if (!merged.equals(old)) {
                e.setLocal(stored, merged);
                if (!changed.contains(target)) {
                    changed.add(target);
                }
            }
            if (stored + 1 < maxLocals && f.getLocal(stored).getSize() == 2) {
                BasicValue high = e.getLocal(stored + 1);
                BasicValue mergedHigh = interpreter.merge(high, f.getLocal(stored + 1));
                if (!mergedHigh.equals(high)) {
                    e.setLocal(stored + 1, mergedHigh);
                    if (!changed.contains(target)) {
                        changed.add(target);
                    }
                }
            }
        }
    }

    /** @return the local an instruction writes, or -2 when it writes none */
    private static int storedSlot(AbstractInsnNode insn) {
        if (insn instanceof VarInsnNode && insn.getOpcode() >= Opcodes.ISTORE) {
            return ((VarInsnNode) insn).var;
        }
        return insn instanceof IincInsnNode ? ((IincInsnNode) insn).var : -2;
    }

    /** @return the frame before instruction {@code i}, replayed from the start of its block */
    Frame<BasicValue> frameAt(int i) throws AnalyzerException {
        int b = i;
        while (!leader[b] || entry[b] == null) {
            b--;
        }
        Frame<BasicValue> f = new Frame<>(entry[b]);
        for (int k = b; k < i; k++) {
            if (insns[k].getOpcode() >= 0) {
                f.execute(insns[k], interpreter);
            }
        }
        return f;
    }

    /** @return the frame on entry to a handler */
    Frame<BasicValue> handlerFrame(int h) {
        return entry[index(method.tryCatchBlocks.get(h).handler)];
    }

    /** @return the number of local slots a method's receiver and parameters take */
    static int parameterSlots(MethodNode m) {
        return (Type.getArgumentsAndReturnSizes(m.desc) >> 2) - ((m.access & Opcodes.ACC_STATIC) != 0 ? 1 : 0);
    }

    /** @return the number of local slots a method uses (its {@code maxLocals} may not be computed yet) */
    static int maxLocals(MethodNode m) {
        int max = parameterSlots(m);
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof VarInsnNode) {
                int op = insn.getOpcode();
                int size = op == Opcodes.LLOAD || op == Opcodes.DLOAD || op == Opcodes.LSTORE || op == Opcodes.DSTORE
                        ? 2 : 1;
                max = Math.max(max, ((VarInsnNode) insn).var + size);
            } else if (insn instanceof IincInsnNode) {
                max = Math.max(max, ((IincInsnNode) insn).var + 1);
            }
        }
        return Math.max(max, m.maxLocals);
    }

    // ---------------------------------------------------------------- liveness

    /**
     * Solves liveness per block: a block's effect on the locals live after it is summed up once as the locals it
     * reads before writing ({@code gen}) and the ones it writes ({@code kill}), so that each round of the fixed
     * point costs a few set operations per block instead of a pass over its instructions. A block's handlers read
     * the locals before each of its instructions, which comes to adding their live locals once.
     */
    private void liveness() {
        List<Integer> blocks = new ArrayList<>();
        for (int i = 0; i < insns.length; i++) {
            if (leader[i]) {
                blocks.add(i);
                liveIn[i] = new BitSet();
            }
        }
        int count = blocks.size();
        BitSet[] gen = new BitSet[count];
        BitSet[] kill = new BitSet[count];
        for (int k = 0; k < count; k++) {
            gen[k] = new BitSet();
            kill[k] = new BitSet();
            summarize(blocks.get(k), end(blocks, k), gen[k], kill[k]);
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int k = count - 1; k >= 0; k--) {
                int b = blocks.get(k);
                BitSet live = liveOut(end(blocks, k));
                live.andNot(kill[k]);
                live.or(gen[k]);
                for (int h : handlers[b]) {
                    live.or(liveIn(index(method.tryCatchBlocks.get(h).handler)));
                }
                if (!live.equals(liveIn[b])) {
                    liveIn[b] = live;
                    changed = true;
                }
            }
        }
    }

    private int end(List<Integer> blocks, int k) {
        return k + 1 < blocks.size() ? blocks.get(k + 1) : insns.length;
    }

    /** The locals a block {@code [b, end)} reads before it writes them, and the ones it writes. */
    private void summarize(int b, int end, BitSet gen, BitSet kill) {
        for (int k = end - 1; k >= b; k--) {
            AbstractInsnNode insn = insns[k];
            if (insn instanceof VarInsnNode) {
                int var = ((VarInsnNode) insn).var;
                if (insn.getOpcode() >= Opcodes.ISTORE) {
                    gen.clear(var);
                    kill.set(var);
                } else {
                    gen.set(var);
                }
            } else if (insn instanceof IincInsnNode) {
                gen.set(((IincInsnNode) insn).var);
            }
        }
    }

    /** @return the locals live after the last instruction of a block that ends before {@code end} */
    private BitSet liveOut(int end) {
        AbstractInsnNode last = insns[end - 1];
        BitSet live = new BitSet();
        if (fallsThrough(last) && end < insns.length && liveIn[end] != null) {
            live.or(liveIn[end]);
        }
        for (LabelNode target : targets(last)) {
            live.or(liveIn(index(target)));
        }
        return live;
    }

    /** The locals live before each instruction of the block that starts at {@code b}, in one backward pass. */
    private void liveThrough(int b) {
        int end = b + 1;
        while (end < insns.length && !leader[end]) {
            end++;
        }
        liveInBlock = new BitSet[end - b];
        BitSet live = liveOut(end);
        for (int k = end - 1; k >= b; k--) {
            AbstractInsnNode insn = insns[k];
            if (insn instanceof VarInsnNode) {
                int var = ((VarInsnNode) insn).var;
                if (insn.getOpcode() >= Opcodes.ISTORE) {
                    live.clear(var);
                } else {
                    live.set(var);
                }
            } else if (insn instanceof IincInsnNode) {
                live.set(((IincInsnNode) insn).var);
            }
            for (int h : handlers[k]) {
                live.or(liveIn(index(method.tryCatchBlocks.get(h).handler)));
            }
            liveInBlock[k - b] = (BitSet) live.clone();
        }
        liveBlock = b;
    }

    private BitSet liveIn(int leaderIndex) {
        BitSet b = liveIn[leaderIndex];
        return b == null ? new BitSet() : b;
    }

    /** @return the locals live before instruction {@code i} ({@code insns.length} for the method's end) */
    BitSet liveAt(int i) {
        if (i >= insns.length) {
            return new BitSet();
        }
        if (blockOf[i] != liveBlock) {
            liveThrough(blockOf[i]);
        }
        return (BitSet) liveInBlock[i - liveBlock].clone();
    }

    /** @return the locals live on entry to a handler */
    BitSet liveAtHandler(int h) {
        return liveIn(index(method.tryCatchBlocks.get(h).handler));
    }
}
