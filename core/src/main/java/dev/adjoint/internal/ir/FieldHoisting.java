package dev.adjoint.internal.ir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Reads a field of {@code this} once before a loop instead of at every iteration, when nothing in the loop can
 * change it: {@code this.weights[j * n + i]} in an inner loop becomes a read of a local set before the loop. The
 * derivative code then sees an array held in a local that is assigned once, which the planner mirrors (the
 * reference is not taped per element, and the array's shadow is looked up once), and an {@code int} such as
 * {@code this.d} in index arithmetic becomes a mirrored local, from which indices are rebuilt instead of taped.
 *
 * <p>A loop here is the span from a backward jump's target to the jump, as compilers lay loops out. It qualifies
 * when control enters it only by falling into its first instruction (jumps and handlers inside it come from inside
 * it), and nothing in it can write a field: no {@code putfield} of a field of the same name and type, no call other
 * than to {@code Math} and {@code StrictMath}, no {@code invokedynamic} and no monitor. The read is of a
 * non-volatile field declared by the method's own class, through {@code this} in a method that never assigns slot
 * 0, so the receiver is never null and the hoisted read cannot throw where the loop would not have. Each read moves
 * out of the outermost loop around it that qualifies.
 *
 * <p>A {@code final} field is written only by its class's constructors, so outside them no call can change it
 * (JLS 17.5.3 lets compilers keep such a read in a register across calls for the same reason): its reads move out
 * of any loop that control enters only at its head and that does not itself store the field, calls or not. The
 * tableau of a Runge–Kutta integrator read at every stage, the mapper of a stream's source called per element,
 * are then locals assigned once, mirrored by the pullback instead of taped per iteration.
 */
public final class FieldHoisting implements Opcodes {

    private final ClassNode owner;
    private final MethodNode m;
    private final AbstractInsnNode[] code;
    private final Map<LabelNode, Integer> position = new HashMap<>();

    private FieldHoisting(ClassNode owner, MethodNode m) {
        this.owner = owner;
        this.m = m;
        this.code = m.instructions.toArray();
        for (int i = 0; i < code.length; i++) {
            if (code[i] instanceof LabelNode) {
                position.put((LabelNode) code[i], i);
            }
        }
    }

    /**
     * Hoists the loop-invariant field reads of {@code m}, a method of {@code owner}, in place. Running it again
     * changes nothing.
     */
    public static void hoist(ClassNode owner, MethodNode m) {
        if ((m.access & ACC_STATIC) != 0 || m.instructions.size() == 0 || "<init>".equals(m.name) || assignsThis(m)) {
            return;
        }
        new FieldHoisting(owner, m).run();
    }

    private static boolean assignsThis(MethodNode m) {
        for (AbstractInsnNode insn : m.instructions) {
            if (insn.getOpcode() == ASTORE && ((VarInsnNode) insn).var == 0) {
                return true;
            }
        }
        return false;
    }

    /** A loop: the span of instructions from {@code head} to {@code end}, both included. */
    private static final class Loop {
        final int head;
        int end;
        /** Whether nothing in the loop can write any field: then every field's reads may move. */
        boolean writesNoField;

        Loop(int head, int end) {
            this.head = head;
            this.end = end;
        }

        boolean contains(int i) {
            return i >= head && i <= end;
        }

        int size() {
            return end - head;
        }
    }

    private void run() {
        List<Loop> loops = singleEntryLoops();
        if (loops.isEmpty()) {
            return;
        }
        // per loop, per field: the reads to move, in order
        Map<Loop, Map<String, List<FieldInsnNode>>> moves = new LinkedHashMap<>();
        for (int i = 0; i < code.length; i++) {
            FieldNode field = hoistableField(i);
            if (field == null) {
                continue;
            }
            FieldInsnNode read = (FieldInsnNode) code[i];
            boolean isFinal = (field.access & ACC_FINAL) != 0;
            Loop outermost = null;
            for (Loop l : loops) {
                if (l.contains(i) && (outermost == null || l.size() > outermost.size())
                        && (isFinal ? !stores(l, read) : l.writesNoField)) {
                    outermost = l;
                }
            }
            if (outermost != null) {
                moves.computeIfAbsent(outermost, k -> new LinkedHashMap<>())
                        .computeIfAbsent(read.name + read.desc, k -> new ArrayList<>()).add(read);
            }
        }
        for (Map.Entry<Loop, Map<String, List<FieldInsnNode>>> e : moves.entrySet()) {
            for (List<FieldInsnNode> reads : e.getValue().values()) {
                move(e.getKey(), reads);
            }
        }
    }

    /** Reads {@code reads}' field into a new local before the loop, and makes each read a load of that local. */
    private void move(Loop loop, List<FieldInsnNode> reads) {
        FieldInsnNode first = reads.get(0);
        Type type = Type.getType(first.desc);
        int local = m.maxLocals;
        m.maxLocals += type.getSize();
        m.maxStack += type.getSize();
        InsnList before = new InsnList();
        before.add(new VarInsnNode(ALOAD, 0));
        before.add(new FieldInsnNode(GETFIELD, first.owner, first.name, first.desc));
        before.add(new VarInsnNode(type.getOpcode(ISTORE), local));
        m.instructions.insertBefore(code[loop.head], before);
        for (FieldInsnNode read : reads) {
            m.instructions.remove(read.getPrevious()); // the aload 0
            m.instructions.set(read, new VarInsnNode(type.getOpcode(ILOAD), local));
        }
    }

    /**
     * The field the {@code getfield} at {@code i} reads, when it is a non-volatile field of this class read through
     * {@code this}.
     */
    private FieldNode hoistableField(int i) {
        if (code[i].getOpcode() != GETFIELD || !(code[i].getPrevious() instanceof VarInsnNode)) {
            return null;
        }
        FieldInsnNode read = (FieldInsnNode) code[i];
        VarInsnNode receiver = (VarInsnNode) code[i].getPrevious();
        if (receiver.getOpcode() != ALOAD || receiver.var != 0 || !read.owner.equals(owner.name)) {
            return null;
        }
        for (FieldNode f : owner.fields) {
            if (f.name.equals(read.name) && f.desc.equals(read.desc)) {
                return (f.access & (ACC_VOLATILE | ACC_STATIC)) == 0 ? f : null;
            }
        }
        return null;
    }

    /**
     * Whether the loop stores the field that {@code read} reads: class files older than Java 9 may assign a final
     * field outside a constructor, which javac never writes but the verifier allowed.
     */
    private boolean stores(Loop l, FieldInsnNode read) {
        for (int i = l.head; i <= l.end; i++) {
            if (code[i].getOpcode() == PUTFIELD && ((FieldInsnNode) code[i]).name.equals(read.name)
                    && ((FieldInsnNode) code[i]).desc.equals(read.desc)) {
                return true;
            }
        }
        return false;
    }

    /** The loops, one per backward-jump target (the farthest jump back to it), that control enters at the head. */
    private List<Loop> singleEntryLoops() {
        Map<Integer, Loop> byHead = new LinkedHashMap<>();
        for (int j = 0; j < code.length; j++) {
            for (LabelNode target : targets(code[j])) {
                int h = position.get(target);
                if (h <= j) {
                    Loop l = byHead.get(h);
                    if (l == null) {
                        byHead.put(h, new Loop(h, j));
                    } else {
                        l.end = Math.max(l.end, j);
                    }
                }
            }
        }
        List<Loop> out = new ArrayList<>();
        for (Loop l : byHead.values()) {
            if (entersOnlyAtHead(l)) {
                l.writesNoField = writesNoField(l);
                out.add(l);
            }
        }
        return out;
    }

    /**
     * Whether control enters the loop only by falling into its first instruction: every jump, switch and handler
     * into it comes from inside it, and the instruction before it can fall through, or it begins the method (a
     * {@code while} loop that is a method's whole body: its read moves to the method's entry).
     */
    private boolean entersOnlyAtHead(Loop l) {
        AbstractInsnNode before = previousInstruction(l.head);
        if (before != null && !fallsThrough(before)) {
            return false;
        }
        for (int j = 0; j < code.length; j++) {
            if (l.contains(j)) {
                continue;
            }
            for (LabelNode target : targets(code[j])) {
                if (l.contains(position.get(target))) {
                    return false;
                }
            }
        }
        for (TryCatchBlockNode t : m.tryCatchBlocks) {
            if (l.contains(position.get(t.handler))
                    && !(l.contains(position.get(t.start)) && l.contains(position.get(t.end) - 1))) {
                return false;
            }
        }
        return true;
    }

    /** Whether nothing in the loop can write a field: the loop's own stores and every call it makes. */
    private boolean writesNoField(Loop l) {
        for (int i = l.head; i <= l.end; i++) {
            AbstractInsnNode insn = code[i];
            int op = insn.getOpcode();
            if (op == INVOKEDYNAMIC || op == MONITORENTER || op == MONITOREXIT || op == PUTFIELD) {
                return false; // a putfield of another object may still alias this one: any field store disqualifies
            }
            if (insn instanceof MethodInsnNode) {
                String callee = ((MethodInsnNode) insn).owner;
                if (op != INVOKESTATIC || !"java/lang/Math".equals(callee) && !"java/lang/StrictMath".equals(callee)) {
                    return false;
                }
            }
        }
        return true;
    }

    private AbstractInsnNode previousInstruction(int i) {
        for (int j = i - 1; j >= 0; j--) {
            if (code[j].getOpcode() >= 0) {
                return code[j];
            }
        }
        return null;
    }

    private static boolean fallsThrough(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        return op != GOTO && op != ATHROW && !(op >= IRETURN && op <= RETURN) && op != TABLESWITCH
                && op != LOOKUPSWITCH && op != JSR && op != RET;
    }

    private static List<LabelNode> targets(AbstractInsnNode insn) {
        if (insn instanceof JumpInsnNode) {
            return List.of(((JumpInsnNode) insn).label);
        }
        if (insn instanceof TableSwitchInsnNode) {
            List<LabelNode> out = new ArrayList<>(((TableSwitchInsnNode) insn).labels);
            out.add(((TableSwitchInsnNode) insn).dflt);
            return out;
        }
        if (insn instanceof LookupSwitchInsnNode) {
            List<LabelNode> out = new ArrayList<>(((LookupSwitchInsnNode) insn).labels);
            out.add(((LookupSwitchInsnNode) insn).dflt);
            return out;
        }
        return List.of();
    }
}
