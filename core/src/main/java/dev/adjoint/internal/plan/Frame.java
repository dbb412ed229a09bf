package dev.adjoint.internal.plan;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The frame as the emitters read it: the integer and reference locals the pullback keeps in step with the primal
 * ({@link MirroredLocals}), in frame order, and which of their arrays the augmented primal copies, on entry or
 * after the one store of a local ({@link Snapshots}). Built once every stage that mirrors a local has run; it does
 * not change after.
 */
public final class Frame {

    /** The longest array the augmented primal copies. */
    public static final int SNAPSHOT_LIMIT = 128;

    private final List<FrameValue> values;
    private final Map<Integer, Integer> entryOf = new HashMap<>();
    private final BitSet copied;
    private final int[] writers;
    private final boolean[] parameter;
    private final String[] parameterType;
    /** Per entry: the store after which its array is copied, or -1 (on entry, or not copied). */
    private final int[] copiedAfter;
    /** Per copied entry: the descriptor of its array. */
    private final String[] copyType;
    /** Per entry: the locals whose arrays its copy must not be, compared where it is taken. */
    private final int[][] guards;

    Frame(MethodFacts m, MirroredLocals mirrors, Snapshots snapshots) {
        this.values = List.copyOf(mirrors.frame);
        this.copied = (BitSet) snapshots.snapshot.clone();
        this.writers = snapshots.writers.clone();
        this.parameter = new boolean[values.size()];
        this.parameterType = new String[values.size()];
        this.copiedAfter = new int[values.size()];
        this.copyType = new String[values.size()];
        this.guards = new int[values.size()][];
        for (int f = 0; f < values.size(); f++) {
            int slot = values.get(f).slot;
            entryOf.put(slot, f);
            parameter[f] = m.isParameterSlot(slot);
            parameterType[f] = m.parameterType(slot);
            Integer store = snapshots.copiedAfter.get(f);
            copiedAfter[f] = store == null ? -1 : store;
            copyType[f] = store == null ? parameterType[f] : m.flow.operands(store)[0].type().getDescriptor();
            guards[f] = snapshots.guards.getOrDefault(f, new int[0]).clone();
        }
    }

    public int size() {
        return values.size();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The entry {@code f}: the local it mirrors and its type. */
    public FrameValue get(int f) {
        return values.get(f);
    }

    public List<FrameValue> values() {
        return values;
    }

    /** @return the entry that mirrors local {@code slot}, or -1 */
    public int entryOf(int slot) {
        Integer f = entryOf.get(slot);
        return f == null ? -1 : f;
    }

    /** Whether the augmented primal copies the array of entry {@code f} (see {@link Snapshots}). */
    public boolean copied(int f) {
        return copied.get(f);
    }

    /**
     * @return the instruction, a store of the local of entry {@code f}, after which the augmented primal copies its
     *         array; -1 when it copies a parameter's on entry, or nothing
     */
    public int copiedAfter(int f) {
        return copiedAfter[f];
    }

    /** @return the descriptor of the array entry {@code f} holds when it is copied ({@code [D} or {@code [F}) */
    public String copyType(int f) {
        return copyType[f];
    }

    /** The parameter slots the method stores floating-point elements through: a copy is not taken of those. */
    public int[] writers() {
        return writers.clone();
    }

    /**
     * The locals, other than parameters, whose arrays the copy of entry {@code f} is not taken of: elements are
     * stored through them while the copy is read, and their arrays can be held elsewhere (see {@code Snapshots}).
     */
    public int[] guards(int f) {
        return guards[f].clone();
    }

    /** Whether entry {@code f} is a parameter, which has a value on entry. */
    public boolean isParameter(int f) {
        return parameter[f];
    }

    /** The descriptor of the parameter entry {@code f} holds on entry, or null when it holds none. */
    public String parameterType(int f) {
        return parameterType[f];
    }
}
