package dev.adjoint.internal.ir;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;
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
    private final Map<LabelNode, Integer> position;
    /** The loops in which nothing can write any field: every field's reads may move out of them. */
    private final Set<LoopSpan> writingNoField = new HashSet<>();

    private FieldHoisting(ClassNode owner, MethodNode m) {
        this.owner = owner;
        this.m = m;
        this.code = m.instructions.toArray();
        this.position = LoopSpan.positions(code);
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

    private void run() {
        List<LoopSpan> loops = LoopSpan.of(m, code, position);
        if (loops.isEmpty()) {
            return;
        }
        for (LoopSpan l : loops) {
            if (writesNoField(l)) {
                writingNoField.add(l);
            }
        }
        // per loop, per field: the reads to move, in order
        Map<LoopSpan, Map<String, List<FieldInsnNode>>> moves = new LinkedHashMap<>();
        for (int i = 0; i < code.length; i++) {
            FieldNode field = hoistableField(i);
            if (field == null) {
                continue;
            }
            FieldInsnNode read = (FieldInsnNode) code[i];
            boolean isFinal = (field.access & ACC_FINAL) != 0;
            LoopSpan outermost = null;
            for (LoopSpan l : loops) {
                if (l.contains(i) && (outermost == null || l.size() > outermost.size())
                        && (isFinal ? !stores(l, read) : writingNoField.contains(l))) {
                    outermost = l;
                }
            }
            if (outermost != null) {
                moves.computeIfAbsent(outermost, k -> new LinkedHashMap<>())
                        .computeIfAbsent(read.name + read.desc, k -> new ArrayList<>()).add(read);
            }
        }
        for (Map.Entry<LoopSpan, Map<String, List<FieldInsnNode>>> e : moves.entrySet()) {
            for (List<FieldInsnNode> reads : e.getValue().values()) {
                move(e.getKey(), reads);
            }
        }
    }

    /** Reads {@code reads}' field into a new local before the loop, and makes each read a load of that local. */
    private void move(LoopSpan loop, List<FieldInsnNode> reads) {
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
    private boolean stores(LoopSpan l, FieldInsnNode read) {
        for (int i = l.head; i <= l.end; i++) {
            if (code[i].getOpcode() == PUTFIELD && ((FieldInsnNode) code[i]).name.equals(read.name)
                    && ((FieldInsnNode) code[i]).desc.equals(read.desc)) {
                return true;
            }
        }
        return false;
    }

    /** Whether nothing in the loop can write a field: the loop's own stores and every call it makes. */
    private boolean writesNoField(LoopSpan l) {
        for (int i = l.head; i <= l.end; i++) {
            if (code[i].getOpcode() == PUTFIELD) {
                return false; // a putfield of another object may still alias this one: any field store disqualifies
            }
        }
        return l.callsOnlyMath(code);
    }
}
