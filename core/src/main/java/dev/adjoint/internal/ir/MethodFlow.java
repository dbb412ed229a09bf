package dev.adjoint.internal.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * The analysis form of one method: its instructions, the {@link FlowValue}s before each of them, basic blocks with
 * their control-flow graph, and def-use chains (which instructions consume the value each instruction produces).
 *
 * <p>It is built once per method and only read afterwards. The augmented primal is an edit of the original
 * instruction list, the pullback is generated from this form.
 */
public final class MethodFlow implements Opcodes {

    /** One consumption of a value: the consuming instruction and the operand position (from 0 at the bottom). */
    public static final class Use {
        public final int consumer;
        public final int operand;

        Use(int consumer, int operand) {
            this.consumer = consumer;
            this.operand = operand;
        }

        @Override
        public String toString() {
            return consumer + "#" + operand;
        }
    }

    private final String owner;
    private final MethodNode method;
    private final AbstractInsnNode[] insns;
    private final Frame<FlowValue>[] frames;
    private final FlowInterpreter interpreter;
    private final Map<AbstractInsnNode, Integer> index;
    private final int[] blockOf;
    private List<Block> blocks;
    private final FlowValue[][] operands;
    private final List<Use>[] uses;
    private final int[] lines;

    @SuppressWarnings("unchecked")
    private MethodFlow(String owner, MethodNode method) throws AnalyzerException {
        this.owner = owner;
        this.method = method;
        this.insns = method.instructions.toArray();
        this.interpreter = new FlowInterpreter(method.maxLocals);
        this.frames = new Analyzer<>(interpreter).analyze(owner, method);
        this.index = new HashMap<>(insns.length * 2);
        for (int i = 0; i < insns.length; i++) {
            index.put(insns[i], i);
        }
        this.lines = new int[insns.length];
        int line = -1;
        for (int i = 0; i < insns.length; i++) {
            if (insns[i] instanceof LineNumberNode) {
                line = ((LineNumberNode) insns[i]).line;
            }
            lines[i] = line;
        }
        this.blockOf = new int[insns.length];
        this.blocks = buildBlocks();
        this.operands = new FlowValue[insns.length][];
        this.uses = new List[insns.length + Math.max(method.maxLocals, 1)];
        buildDefUse();
    }

    /**
     * Analyses a method. Methods with {@code jsr}/{@code ret} must have been inlined first.
     *
     * @param owner  the internal name of the class that declares it
     * @param method the method, with code
     * @return the analysis
     * @throws AnalyzerException when the code does not verify
     */
    public static MethodFlow analyze(String owner, MethodNode method) throws AnalyzerException {
        return new MethodFlow(owner, method);
    }

    // ---- accessors ----

    public String owner() {
        return owner;
    }

    public MethodNode method() {
        return method;
    }

    public int size() {
        return insns.length;
    }

    public AbstractInsnNode insn(int i) {
        return insns[i];
    }

    public int indexOf(AbstractInsnNode insn) {
        Integer i = index.get(insn);
        return i == null ? -1 : i;
    }

    /** @return the frame before instruction {@code i}, or {@code null} when it is unreachable */
    public Frame<FlowValue> frame(int i) {
        return frames[i];
    }

    /** @return the source line of instruction {@code i}, or -1 */
    public int line(int i) {
        return lines[i];
    }

    public List<Block> blocks() {
        return blocks;
    }

    public Block blockOf(int i) {
        return blockOf[i] < 0 ? null : blocks.get(blockOf[i]);
    }

    /** @return the values instruction {@code i} consumes, bottom of the stack first; empty for pseudo-instructions */
    public FlowValue[] operands(int i) {
        FlowValue[] o = operands[i];
        return o == null ? new FlowValue[0] : o;
    }

    /**
     * @param i a producer: an instruction index, or {@link #parameterNode} of a parameter
     * @return the instructions that consume the value it produces
     */
    public List<Use> uses(int i) {
        List<Use> u = uses[i];
        return u == null ? Collections.emptyList() : u;
    }

    /**
     * @return the producers of a value: instruction indices, and {@link #parameterNode}s for the entry values of
     *         parameters; exception values produce nothing
     */
    public int[] producers(FlowValue value) {
        int[] out = new int[value.sources().size()];
        int k = 0;
        for (AbstractInsnNode src : value.sources()) {
            int p = producerIndex(src);
            if (p >= 0) {
                out[k++] = p;
            }
        }
        out = Arrays.copyOf(out, k);
        Arrays.sort(out);
        return out;
    }

    /** @return the node that stands for the entry value of the parameter in local {@code slot} */
    public int parameterNode(int slot) {
        return insns.length + slot;
    }

    /** @return whether a producer node is a parameter's entry value */
    public boolean isParameterNode(int node) {
        return node >= insns.length;
    }

    /** @return the local slot of a parameter node */
    public int parameterSlot(int node) {
        return node - insns.length;
    }

    /** @return the number of producer nodes: instructions, then one per local slot */
    public int nodeCount() {
        return uses.length;
    }

    private int producerIndex(AbstractInsnNode src) {
        if (src instanceof ParameterMarker) {
            return insns.length + ((ParameterMarker) src).local();
        }
        if (src instanceof LabelNode) {
            return -1;
        }
        return index.get(src);
    }

    /**
     * @return the value produced by instruction {@code i} (the stored local for a store), or {@code null} when it
     *         produces none
     */
    public FlowValue result(int i) {
        AbstractInsnNode insn = insns[i];
        int op = insn.getOpcode();
        Frame<FlowValue> after = i + 1 < insns.length ? frames[i + 1] : null;
        if (after == null || op < 0) {
            return null;
        }
        FlowValue v;
        if (op >= ISTORE && op <= ASTORE) {
            v = after.getLocal(((VarInsnNode) insn).var);
        } else if (after.getStackSize() == 0) {
            return null;
        } else {
            v = after.getStack(after.getStackSize() - 1);
        }
        return v.sources().contains(insn) ? v : null;
    }

    /**
     * @return whether instruction {@code i} may throw an exception that code can catch: calls, array and field
     *         accesses, integer division, allocation, casts, monitors and {@code athrow}
     */
    public boolean mayThrow(int i) {
        switch (insns[i].getOpcode()) {
            case INVOKEVIRTUAL: case INVOKESPECIAL: case INVOKESTATIC: case INVOKEINTERFACE: case INVOKEDYNAMIC:
            case ATHROW: case IALOAD: case LALOAD: case FALOAD: case DALOAD: case AALOAD: case BALOAD: case CALOAD:
            case SALOAD: case IASTORE: case LASTORE: case FASTORE: case DASTORE: case AASTORE: case BASTORE:
            case CASTORE: case SASTORE: case GETFIELD: case PUTFIELD: case GETSTATIC: case PUTSTATIC: case IDIV:
            case IREM: case LDIV: case LREM: case CHECKCAST: case ARRAYLENGTH: case NEW: case NEWARRAY:
            case ANEWARRAY: case MULTIANEWARRAY: case MONITORENTER: case MONITOREXIT:
                return true;
            default:
                return false;
        }
    }

    /** @return the handlers (their blocks) that an exception at instruction {@code i} may reach, innermost first */
    public List<Block> handlersOf(int i) {
        List<Block> out = new ArrayList<>(1);
        for (TryCatchBlockNode tcb : method.tryCatchBlocks) {
            if (index.get(tcb.start) <= i && i < index.get(tcb.end)) {
                Block h = blockOf(index.get(tcb.handler));
                if (h != null && !out.contains(h)) {
                    out.add(h);
                }
            }
        }
        return out;
    }

    /** @return whether {@code i} is a real instruction (not a label, line number or frame) */
    public boolean isInstruction(int i) {
        return insns[i].getOpcode() >= 0;
    }

    // ---- construction ----

    private List<Block> buildBlocks() {
        boolean[] leader = new boolean[insns.length + 1];
        leader[0] = true;
        for (TryCatchBlockNode tcb : method.tryCatchBlocks) {
            leader[index.get(tcb.handler)] = true;
        }
        for (int i = 0; i < insns.length; i++) {
            AbstractInsnNode insn = insns[i];
            if (insn instanceof JumpInsnNode) {
                leader[index.get(((JumpInsnNode) insn).label)] = true;
                leader[i + 1] = true;
            } else if (insn instanceof TableSwitchInsnNode) {
                TableSwitchInsnNode s = (TableSwitchInsnNode) insn;
                leader[index.get(s.dflt)] = true;
                for (LabelNode l : s.labels) {
                    leader[index.get(l)] = true;
                }
                leader[i + 1] = true;
            } else if (insn instanceof LookupSwitchInsnNode) {
                LookupSwitchInsnNode s = (LookupSwitchInsnNode) insn;
                leader[index.get(s.dflt)] = true;
                for (LabelNode l : s.labels) {
                    leader[index.get(l)] = true;
                }
                leader[i + 1] = true;
            } else if (endsFlow(insn.getOpcode())) {
                leader[i + 1] = true;
            }
        }
        List<Block> list = new ArrayList<>();
        blocks = list;
        Block current = null;
        for (int i = 0; i < insns.length; i++) {
            if (leader[i] || current == null) {
                current = new Block(list.size(), i);
                list.add(current);
            }
            current.last = i;
            blockOf[i] = current.id;
        }
        for (Block b : list) {
            for (int i = b.first; i <= b.last; i++) {
                if (frames[i] != null) {
                    b.reachable = true;
                    break;
                }
            }
            if (!b.reachable) {
                for (int i = b.first; i <= b.last; i++) {
                    blockOf[i] = -1;
                }
            }
        }
        for (Block b : list) {
            if (!b.reachable) {
                continue;
            }
            int lastInsn = lastInstruction(b);
            AbstractInsnNode insn = lastInsn < 0 ? null : insns[lastInsn];
            int op = insn == null ? -1 : insn.getOpcode();
            if (insn instanceof JumpInsnNode) {
                link(b, blockAt(((JumpInsnNode) insn).label));
                if (op != GOTO) {
                    link(b, next(list, b));
                }
            } else if (insn instanceof TableSwitchInsnNode) {
                TableSwitchInsnNode s = (TableSwitchInsnNode) insn;
                link(b, blockAt(s.dflt));
                for (LabelNode l : s.labels) {
                    link(b, blockAt(l));
                }
            } else if (insn instanceof LookupSwitchInsnNode) {
                LookupSwitchInsnNode s = (LookupSwitchInsnNode) insn;
                link(b, blockAt(s.dflt));
                for (LabelNode l : s.labels) {
                    link(b, blockAt(l));
                }
            } else if (op < 0 || !endsFlow(op)) {
                link(b, next(list, b));
            }
        }
        for (TryCatchBlockNode tcb : method.tryCatchBlocks) {
            Block handler = blockAt(tcb.handler);
            if (handler == null) {
                continue;
            }
            handler.handlerEntry = true;
            int from = index.get(tcb.start);
            int to = index.get(tcb.end);
            for (int i = from; i < to; i++) {
                Block b = blockOf(i);
                if (b != null && isInstruction(i) && !b.handlers.contains(handler)) {
                    b.handlers.add(handler);
                }
            }
        }
        return Collections.unmodifiableList(list);
    }

    private int lastInstruction(Block b) {
        for (int i = b.last; i >= b.first; i--) {
            if (isInstruction(i)) {
                return i;
            }
        }
        return -1;
    }

    private static Block next(List<Block> list, Block b) {
        return b.id + 1 < list.size() ? list.get(b.id + 1) : null;
    }

    private Block blockAt(LabelNode label) {
        int b = blockOf[index.get(label)];
        return b < 0 ? null : blocks.get(b);
    }

    private static void link(Block from, Block to) {
        if (to == null || !to.reachable) {
            return;
        }
        if (!from.successors.contains(to)) {
            from.successors.add(to);
            to.predecessors.add(from);
        }
    }

    static boolean endsFlow(int op) {
        return op >= IRETURN && op <= RETURN || op == ATHROW || op == GOTO || op == RET;
    }

    private void buildDefUse() {
        for (int i = 0; i < insns.length; i++) {
            Frame<FlowValue> f = frames[i];
            if (f == null || !isInstruction(i)) {
                continue;
            }
            FlowValue[] ops = consumed(insns[i], f);
            operands[i] = ops;
            for (int k = 0; k < ops.length; k++) {
                for (AbstractInsnNode src : ops[k].sources()) {
                    int p = producerIndex(src);
                    if (p < 0) {
                        continue;
                    }
                    if (uses[p] == null) {
                        uses[p] = new ArrayList<>(2);
                    }
                    uses[p].add(new Use(i, k));
                }
            }
        }
    }

    /** The values an instruction takes from the stack (or, for a load, from its local). */
    private static FlowValue[] consumed(AbstractInsnNode insn, Frame<FlowValue> f) {
        int op = insn.getOpcode();
        if (op >= ILOAD && op <= ALOAD) {
            return new FlowValue[] {f.getLocal(((VarInsnNode) insn).var)};
        }
        if (op == IINC) {
            return new FlowValue[] {f.getLocal(((org.objectweb.asm.tree.IincInsnNode) insn).var)};
        }
        int n = popCount(insn, f);
        FlowValue[] out = new FlowValue[n];
        int top = f.getStackSize();
        for (int k = 0; k < n; k++) {
            out[k] = f.getStack(top - n + k);
        }
        return out;
    }

    /** How many stack values (not slots) an instruction pops; copies ({@code dup}, {@code swap}) pop none. */
    static int popCount(AbstractInsnNode insn, Frame<FlowValue> f) {
        int op = insn.getOpcode();
        switch (op) {
            case ISTORE: case LSTORE: case FSTORE: case DSTORE: case ASTORE:
            case INEG: case LNEG: case FNEG: case DNEG:
            case I2L: case I2F: case I2D: case L2I: case L2F: case L2D: case F2I: case F2L: case F2D: case D2I:
            case D2L: case D2F: case I2B: case I2C: case I2S:
            case IFEQ: case IFNE: case IFLT: case IFGE: case IFGT: case IFLE: case IFNULL: case IFNONNULL:
            case TABLESWITCH: case LOOKUPSWITCH:
            case IRETURN: case LRETURN: case FRETURN: case DRETURN: case ARETURN:
            case PUTSTATIC: case GETFIELD: case NEWARRAY: case ANEWARRAY: case ARRAYLENGTH: case ATHROW:
            case CHECKCAST: case INSTANCEOF: case MONITORENTER: case MONITOREXIT: case POP:
                return 1;
            case POP2:
                return f.getStack(f.getStackSize() - 1).getSize() == 2 ? 1 : 2;
            case IALOAD: case LALOAD: case FALOAD: case DALOAD: case AALOAD: case BALOAD: case CALOAD: case SALOAD:
            case IADD: case LADD: case FADD: case DADD: case ISUB: case LSUB: case FSUB: case DSUB:
            case IMUL: case LMUL: case FMUL: case DMUL: case IDIV: case LDIV: case FDIV: case DDIV:
            case IREM: case LREM: case FREM: case DREM: case ISHL: case LSHL: case ISHR: case LSHR:
            case IUSHR: case LUSHR: case IAND: case LAND: case IOR: case LOR: case IXOR: case LXOR:
            case LCMP: case FCMPL: case FCMPG: case DCMPL: case DCMPG:
            case IF_ICMPEQ: case IF_ICMPNE: case IF_ICMPLT: case IF_ICMPGE: case IF_ICMPGT: case IF_ICMPLE:
            case IF_ACMPEQ: case IF_ACMPNE: case PUTFIELD:
                return 2;
            case IASTORE: case LASTORE: case FASTORE: case DASTORE: case AASTORE: case BASTORE: case CASTORE:
            case SASTORE:
                return 3;
            case INVOKEVIRTUAL: case INVOKESPECIAL: case INVOKESTATIC: case INVOKEINTERFACE: {
                MethodInsnNode m = (MethodInsnNode) insn;
                return Type.getArgumentTypes(m.desc).length + (op == INVOKESTATIC ? 0 : 1);
            }
            case INVOKEDYNAMIC:
                return Type.getArgumentTypes(((InvokeDynamicInsnNode) insn).desc).length;
            case MULTIANEWARRAY:
                return ((MultiANewArrayInsnNode) insn).dims;
            default:
                return 0; // constants, loads handled above, getstatic, new, goto, return, nop, dup family, swap
        }
    }
}
