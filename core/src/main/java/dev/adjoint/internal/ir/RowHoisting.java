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
 * to the top of the outermost such loop around it.
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

    /** The outer array, the index and the element load of a row read; the loop it moves out of. */
    private record Row(LoopSpan loop, int array, int index, int element) {
    }

    private void run() {
        List<LoopSpan> loops = new ArrayList<>();
        for (LoopSpan l : LoopSpan.of(m, code, position)) {
            if (bodyTop(l) >= 0 && l.callsOnlyMath(code) && !storesReference(l)) {
                loops.add(l);
            }
        }
        Map<Row, List<Integer>> reads = new LinkedHashMap<>();
        for (int p = 0; p < code.length && !loops.isEmpty(); p++) {
            if (isRowRead(p)) {
                int array = ((VarInsnNode) code[p]).var;
                int index = ((VarInsnNode) code[p + 1]).var;
                LoopSpan outermost = null;
                for (LoopSpan l : loops) {
                    boolean larger = outermost == null || l.size() > outermost.size();
                    if (l.contains(p) && keeps(l, array, index, p) && larger) {
                        outermost = l;
                    }
                }
                if (outermost != null) {
                    reads.computeIfAbsent(new Row(outermost, array, index, elementLoad(p)), k -> new ArrayList<>())
                            .add(p);
                }
            }
        }
        reads.forEach((row, at) -> m.instructions.insertBefore(code[bodyTop(row.loop)], read(row)));
        reads.forEach(this::replace);
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
     * Whether {@code aload X; iload c; aaload; (iload j | constant); [dup2;] daload} (or {@code faload}) starts at
     * {@code p}, with no label in between.
     */
    private boolean isRowRead(int p) {
        if (p + 4 >= code.length || code[p].getOpcode() != ALOAD || code[p + 1].getOpcode() != ILOAD
                || code[p + 2].getOpcode() != AALOAD || !isSimpleIndex(code[p + 3])) {
            return false;
        }
        return elementLoad(p) >= 0;
    }

    /** The element load that uses the row read at {@code p}, {@code DALOAD} or {@code FALOAD}; -1 if none. */
    private int elementLoad(int p) {
        int e = code[p + 4].getOpcode() == DUP2 && p + 5 < code.length ? p + 5 : p + 4;
        int op = code[e].getOpcode();
        return op == DALOAD || op == FALOAD ? op : -1;
    }

    private static boolean isSimpleIndex(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        return op == ILOAD || op >= ICONST_M1 && op <= ICONST_5 || op == BIPUSH || op == SIPUSH;
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
        top.add(new VarInsnNode(ILOAD, row.index));
        top.add(new JumpInsnNode(IFLT, outside));
        top.add(new VarInsnNode(ILOAD, row.index));
        top.add(new VarInsnNode(ALOAD, row.array));
        top.add(new InsnNode(ARRAYLENGTH));
        top.add(new JumpInsnNode(IF_ICMPGE, outside));
        top.add(new VarInsnNode(ALOAD, row.array));
        top.add(new VarInsnNode(ILOAD, row.index));
        top.add(new InsnNode(AALOAD));
        top.add(new JumpInsnNode(GOTO, store));
        top.add(outside);
        top.add(new InsnNode(ICONST_0));
        top.add(new IntInsnNode(NEWARRAY, row.element == DALOAD ? T_DOUBLE : T_FLOAT));
        top.add(store);
        top.add(new VarInsnNode(ASTORE, local(row)));
        return top;
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
            m.instructions.remove(code[p + 1]);
            m.instructions.remove(code[p + 2]);
            m.instructions.set(code[p], new VarInsnNode(ALOAD, local(row)));
        }
    }
}
