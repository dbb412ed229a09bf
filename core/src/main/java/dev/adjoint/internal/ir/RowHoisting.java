package dev.adjoint.internal.ir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Reads a row of a two-dimensional array once per iteration of a loop instead of at every element access:
 * {@code icf[c][j]} in the inner loops of a loop over {@code c} becomes {@code row[j]}, with {@code row = icf[c]}
 * read at the top of the loop's body. The derivative code then sees a short array held in a local, whose reference
 * it mirrors instead of taping it per element and whose partials it can recompute from a copy taken per store
 * (plan.Snapshots), where it would tape them per multiply-add.
 *
 * <p>The outer array {@code X} and the index {@code c} are locals (a field read into a local by {@link FieldHoisting}
 * qualifies, and so does a parameter). A loop, as {@link LoopSpan} finds it, qualifies when its head is a test that
 * leaves it, nothing in it writes {@code X}, stores a reference into an array (which could replace the row) or
 * calls anything but {@code Math}, and it writes {@code c} at most by one increment just before its jump back, after
 * every read. Stores of elements into the row are allowed: they do not change which array the row is. A read moves
 * to the top of the outermost such loop around it, when it sits in a loop inside that one: a read in the innermost
 * loop around it, as a column is read ({@code b[k][j]} over {@code k}), stays where it is.
 *
 * <p>The hoisted read must not throw where the loop would not have (an inner loop may run no iteration): it leaves
 * {@code null} when {@code X} is null, and an empty row when {@code c} is out of bounds, so that the element access
 * it stands for throws the same exception, a {@code NullPointerException} or an
 * {@code ArrayIndexOutOfBoundsException}, at the same place. It replaces only reads whose row is used at once for
 * one element read ({@code X[c][j]}, {@code X[c][j] += e}) through a local or constant index, which cannot throw
 * before that element read does.
 */
final class RowHoisting implements Opcodes {

    private final MethodNode m;
    private final AbstractInsnNode[] code;
    private final Map<LabelNode, Integer> position;
    /** Per row hoisted: the new local that holds it. */
    private final Map<Row, Integer> locals = new LinkedHashMap<>();

    private RowHoisting(MethodNode m) {
        this.m = m;
        this.code = m.instructions.toArray();
        this.position = LoopSpan.positions(code);
    }

    /**
     * Methods of more instructions than this keep their reads: each row hoisted is a local whose copy the derivative
     * code takes per pass, and in a large method that code pushed the derivative over HotSpot's 8,000-byte compile
     * limit (Commons Math's {@code SingularValueDecomposition} constructor, 1,818 instructions: its augmented primal
     * grew past it to 8,665 bytes), where a loop over rows in a small method (a GMM's objective) gains most.
     */
    static final int MAX_INSTRUCTIONS = 1_000;

    /** Hoists the rows {@code m}'s loops read, in place. Running it again changes nothing. */
    static void hoist(MethodNode m) {
        if (m.instructions.size() > 0 && instructions(m) <= MAX_INSTRUCTIONS) {
            new RowHoisting(m).run();
        }
    }

    private static int instructions(MethodNode m) {
        int n = 0;
        for (AbstractInsnNode insn : m.instructions) {
            if (insn.getOpcode() >= 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * The outer array, the index local and the constant added to it ({@code X[c - 1]}), and the element load of a
     * row read; the loop it moves out of.
     */
    private record Row(LoopSpan loop, int array, int index, int offset, int element) {
    }

    private void run() {
        List<LoopSpan> all = LoopSpan.of(m, code, position);
        List<LoopSpan> loops = new ArrayList<>();
        for (LoopSpan l : all) {
            if (bodyTop(l) >= 0 && l.callsOnlyMath(code) && !storesReference(l)) {
                loops.add(l);
            }
        }
        Map<Row, List<Integer>> reads = new LinkedHashMap<>();
        for (int p = 0; p < code.length && !loops.isEmpty(); p++) {
            int rowLoad = rowLoad(p);
            if (rowLoad >= 0 && elementLoad(rowLoad) >= 0) {
                int array = ((VarInsnNode) code[p]).var;
                int index = ((VarInsnNode) code[p + 1]).var;
                int offset = rowLoad == p + 2 ? 0 : offset(p + 2);
                LoopSpan outermost = null;
                for (LoopSpan l : loops) {
                    boolean larger = outermost == null || l.size() > outermost.size();
                    if (l.contains(p) && keeps(l, array, index, p) && larger) {
                        outermost = l;
                    }
                }
                if (outermost != null && inInnerLoop(outermost, p, all)) {
                    reads.computeIfAbsent(new Row(outermost, array, index, offset, elementLoad(rowLoad)),
                            k -> new ArrayList<>())
                            .add(p);
                }
            }
        }
        reads.forEach((row, at) -> m.instructions.insertBefore(code[bodyTop(row.loop)], read(row)));
        reads.forEach(this::replace);
    }

    /**
     * Whether read {@code p} sits in a loop inside {@code l}, so that reading its row once per pass of {@code l}
     * saves reads. A row read once per pass of the innermost loop around it, a column walked across rows
     * ({@code b[k][j]} over {@code k}), would be read as often as before, each time through the branches that keep
     * the hoisted read from throwing, whose merge the pullback then retraces per pass.
     */
    private static boolean inInnerLoop(LoopSpan l, int p, List<LoopSpan> all) {
        for (LoopSpan inner : all) {
            if (inner != l && inner.size() < l.size() && l.contains(inner.head) && inner.contains(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The position of the first instruction of {@code l}'s body: the one after the test at its head, a
     * conditional jump out of the loop that ends its first block; -1 when the loop does not start so.
     */
    private int bodyTop(LoopSpan l) {
        int j = l.head + 1;
        while (j < l.end && code[j].getType() != AbstractInsnNode.JUMP_INSN && !isSwitch(code[j])
                && !(code[j] instanceof LabelNode)) {
            j++;
        }
        if (!(code[j] instanceof JumpInsnNode jump) || jump.getOpcode() == GOTO || jump.getOpcode() == JSR
                || l.contains(position.get(jump.label))) {
            return -1;
        }
        return j + 1;
    }

    private static boolean isSwitch(AbstractInsnNode insn) {
        return insn.getOpcode() == TABLESWITCH || insn.getOpcode() == LOOKUPSWITCH;
    }

    private boolean storesReference(LoopSpan l) {
        for (int i = l.head; i <= l.end; i++) {
            if (code[i].getOpcode() == AASTORE) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code l} leaves outer array {@code array} and index {@code index} as they were at the top of its
     * body when read {@code p} runs: it never writes the array, and writes the index at most by one increment that
     * comes after {@code p} and is the last thing before the jump back.
     */
    private boolean keeps(LoopSpan l, int array, int index, int p) {
        if (p < bodyTop(l)) {
            return false;
        }
        for (int i = l.head; i <= l.end; i++) {
            AbstractInsnNode insn = code[i];
            if (insn.getOpcode() == ASTORE && ((VarInsnNode) insn).var == array) {
                return false;
            }
            boolean writesIndex = insn.getOpcode() == ISTORE && ((VarInsnNode) insn).var == index
                    || insn instanceof IincInsnNode inc && inc.var == index;
            if (writesIndex && (i < p || !isLatch(l, i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the instruction at {@code i} is the last of {@code l} before its closing jump back. */
    private boolean isLatch(LoopSpan l, int i) {
        return code[l.end].getOpcode() == GOTO && LoopSpan.previousInstruction(code, l.end) == code[i];
    }

    /**
     * The position of the {@code AALOAD} of a row read that starts at {@code p}, {@code aload X; iload c; [k; iadd |
     * isub;] aaload}, with no label in between; -1 if none.
     */
    private int rowLoad(int p) {
        if (p + 4 >= code.length || code[p].getOpcode() != ALOAD || code[p + 1].getOpcode() != ILOAD) {
            return -1;
        }
        if (code[p + 2].getOpcode() == AALOAD) {
            return p + 2;
        }
        int op = code[p + 3].getOpcode();
        boolean offset = isConstant(code[p + 2]) && (op == IADD || op == ISUB) && p + 4 < code.length
                && code[p + 4].getOpcode() == AALOAD;
        return offset ? p + 4 : -1;
    }

    /** The constant that {@code k; iadd} or {@code k; isub} at {@code at} adds. */
    private int offset(int at) {
        AbstractInsnNode k = code[at];
        int value = k instanceof IntInsnNode push ? push.operand : k.getOpcode() - ICONST_0;
        return code[at + 1].getOpcode() == ISUB ? -value : value;
    }

    /**
     * The element load that uses the row loaded at {@code rowLoad}, {@code DALOAD} or {@code FALOAD}, after an index
     * that cannot throw: locals and constants combined by {@code iadd}, {@code isub} and {@code imul} ({@code j},
     * {@code j - 1}, {@code i * n + j}), with no label in between; -1 if none.
     */
    private int elementLoad(int rowLoad) {
        int depth = 0;
        int e = rowLoad + 1;
        for (; e < code.length && isIndexPart(code[e]); e++) {
            int op = code[e].getOpcode();
            depth += op == IADD || op == ISUB || op == IMUL ? -1 : 1;
            if (depth < 1) {
                return -1;
            }
        }
        if (depth != 1 || e >= code.length) {
            return -1;
        }
        if (code[e].getOpcode() == DUP2 && e + 1 < code.length) {
            e++;
        }
        int op = code[e].getOpcode();
        return op == DALOAD || op == FALOAD ? op : -1;
    }

    /** Whether {@code insn} can continue an index expression. */
    private static boolean isIndexPart(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        return op == ILOAD || isConstant(insn) || op == IADD || op == ISUB || op == IMUL;
    }

    private static boolean isConstant(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        return op >= ICONST_M1 && op <= ICONST_5 || op == BIPUSH || op == SIPUSH;
    }

    /**
     * The code that reads the row into its local at the top of the loop's body: null when the outer array is null,
     * an empty row when the index is out of bounds.
     */
    private InsnList read(Row row) {
        LabelNode present = new LabelNode();
        LabelNode outside = new LabelNode();
        LabelNode store = new LabelNode();
        InsnList top = new InsnList();
        top.add(new VarInsnNode(ALOAD, row.array));
        top.add(new JumpInsnNode(IFNONNULL, present));
        top.add(new InsnNode(ACONST_NULL));
        top.add(new JumpInsnNode(GOTO, store));
        top.add(present);
        top.add(index(row));
        top.add(new JumpInsnNode(IFLT, outside));
        top.add(index(row));
        top.add(new VarInsnNode(ALOAD, row.array));
        top.add(new InsnNode(ARRAYLENGTH));
        top.add(new JumpInsnNode(IF_ICMPGE, outside));
        top.add(new VarInsnNode(ALOAD, row.array));
        top.add(index(row));
        top.add(new InsnNode(AALOAD));
        top.add(new JumpInsnNode(GOTO, store));
        top.add(outside);
        top.add(new InsnNode(ICONST_0));
        top.add(new IntInsnNode(NEWARRAY, row.element == DALOAD ? T_DOUBLE : T_FLOAT));
        top.add(store);
        top.add(new VarInsnNode(ASTORE, local(row)));
        return top;
    }

    /** Pushes the row's index, {@code c} or {@code c + k}. */
    private static InsnList index(Row row) {
        InsnList index = new InsnList();
        index.add(new VarInsnNode(ILOAD, row.index));
        if (row.offset != 0) {
            index.add(new LdcInsnNode(row.offset));
            index.add(new InsnNode(IADD));
        }
        return index;
    }

    /** The new local that holds {@code row}. */
    private int local(Row row) {
        return locals.computeIfAbsent(row, r -> {
            m.maxStack += 2;
            return m.maxLocals++;
        });
    }

    /** Makes each of the reads of {@code row} at {@code reads} a load of its local. */
    private void replace(Row row, List<Integer> reads) {
        for (int p : reads) {
            for (int i = rowLoad(p); i > p; i--) {
                m.instructions.remove(code[i]);
            }
            m.instructions.set(code[p], new VarInsnNode(ALOAD, local(row)));
        }
    }
}
