package dev.adjoint.internal.runtime;

import java.util.Arrays;

/**
 * The record that the augmented primal writes and the pullback reads back in reverse: one stack per kind of value
 * (partial derivatives, control-flow and index integers, references), the adjoints of the heap (shadows), and the
 * registers through which calls pass the adjoints of their arguments.
 *
 * <p>One tape serves one gradient on one thread; every method in the call tree pushes onto the same stacks, so
 * nested calls and recursion interleave in the right order. The push and pop methods are called by generated code
 * and are kept tiny so that the JIT inlines them.
 */
public final class Tape {

    private static final ThreadLocal<Tape> SPARE = new ThreadLocal<>();
    private static final int INITIAL = 1024;
    /**
     * A stack longer than this many slots shrinks back to what gradients use once {@link #SHRINK_AFTER} gradients in
     * a row used less than an eighth of it: a tape keeps its capacity across gradients of any size (dropping it made
     * every large gradient grow it again, which showed as GC), and one huge gradient does not pin memory for good.
     */
    static final int KEEP_LIMIT = 1 << 22;
    /** See {@link #KEEP_LIMIT}. */
    static final int SHRINK_AFTER = 8;
    private static final Object[] NO_REFS = {};
    /**
     * The length from which the reference stack is kept across gradients: 2^16 references are 256 KiB with
     * compressed pointers, half of G1's smallest region, past which G1 allocates an array as humongous.
     */
    static final int KEEP_REFS = 1 << 16;

    /** Adjoints of the arguments of the method whose pullback has just returned, by parameter position. */
    public final double[] argAdj = new double[256];
    /** Forward mode: tangents of the arguments of the method being called, by parameter position. */
    public final double[] argTan = new double[256];
    /** Forward mode: the tangent of the value the called method returned. */
    public double retTan;

    // The stacks. Generated code caches the arrays and tops in locals and writes the tops back around calls.
    public double[] d = new double[INITIAL];
    public int dTop;
    public int[] ints = new int[INITIAL];
    public int iTop;
    /**
     * Allocated afresh for each gradient, never cleared and kept, while it is short: under G1, storing a reference
     * into an array that has aged into the old generation takes the card-marking slow path with its fence, on every
     * push, while stores into a young array take the fast path. From {@link #KEEP_REFS} slots on it is kept and
     * cleared instead: G1 puts an array that large in old regions of its own from the start (a humongous object),
     * so a fresh one gains nothing, and allocating one per gradient cost a young collection each (a loop of 10^6
     * calls that tapes each receiver spent a third of its time in them).
     */
    public Object[] refs = new Object[INITIAL];
    public int oTop;
    /** The length {@link #refs} had when the tape was last released, which the next gradient starts with. */
    private int refsCapacity = INITIAL;

    /**
     * Set by an augmented primal that an exception leaves after it recorded where: the caller's handler, or its
     * own exit record, reads and clears it.
     */
    public boolean unwound;
    /** Set by a pullback before it calls the pullback of a callee that an exception left: start from that record. */
    public boolean unwinding;

    /**
     * The gradient's input array when nothing is expected to write it: partials computed from its elements are not
     * taped but recomputed by the pullback. Augmented primals report a write to it in {@link #frozenWritten}, and
     * the gradient then runs again without it.
     */
    public Object frozen;
    /** Set by an augmented primal that wrote to {@link #frozen}. */
    public boolean frozenWritten;

    private final ShadowMap shadows = new ShadowMap();
    private double[] statics = new double[16];
    /**
     * The spill arrays of crowded methods that have returned ({@code outline.Spill}), for the next one to take: kept
     * across gradients, since allocating and zeroing one per call was most of what an unrolled inverse allocated.
     */
    private final double[][] spills = new double[MAX_SPILLS][];
    private int spillCount;
    private static final int MAX_SPILLS = 8;
    /** With assertions on (tests), every spill array handed out is NaN, so that a read before a write shows. */
    private static final boolean POISON_SPILLS = Tape.class.desiredAssertionStatus();
    private RuntimeException poison;

    /** The most the stacks held at once, in bytes (see {@link #notePeak}). */
    private long peakBytes;
    /** The most slots each stack held at once during this gradient: doubles, ints, references. */
    private int peakD;
    private int peakI;
    private int peakO;
    /** Gradients in a row, up to this one, that used less than an eighth of a stack longer than KEEP_LIMIT. */
    private int idleReleases;
    /** The most each stack held over those gradients: what a shrunk stack makes room for. */
    private int[] idlePeak = new int[3];
    /** The bytes of the arrays copied for pullbacks that have not yet run (see {@link #noteCopy}). */
    private long copiedBytes;
    /** The peak of the last gradient released on this thread. */
    private static final ThreadLocal<long[]> LAST_PEAK = ThreadLocal.withInitial(() -> new long[1]);
    /** Tapes taken so far, in all threads: a count that tells link sites one gradient from the next. */
    private static volatile int acquired;

    /**
     * Takes a tape for one gradient on this thread: the thread's spare one when it is free, a new one otherwise (a
     * gradient nested inside another gets its own).
     *
     * @return a clean tape
     */
    public static Tape acquire() {
        acquired++; // a lost increment between threads only makes a site wait one gradient longer
        Tape t = SPARE.get();
        if (t != null) {
            SPARE.set(null);
            if (t.refs.length != t.refsCapacity) {
                t.refs = new Object[t.refsCapacity];
            }
            return t;
        }
        return new Tape();
    }

    /** @return how many tapes have been taken, in all threads: it changes from one gradient to the next */
    static int acquired() {
        return acquired;
    }

    /**
     * Called when an augmented primal has returned: the reference stack is at its highest, and the references it
     * holds must be cleared when the tape is released.
     */
    public void forwardDone() {
        notePeak();
    }

    /**
     * Records the stacks' current size as a candidate peak. The stacks only grow while an augmented primal runs,
     * so their peak is reached at the end of one: the gradient's, or a checkpoint's recomputation.
     */
    public void notePeak() {
        // references are 4 bytes with compressed oops
        peakD = Math.max(peakD, dTop);
        peakI = Math.max(peakI, iTop);
        peakO = Math.max(peakO, oTop);
        long bytes = 8L * dTop + 4L * iTop + 4L * oTop + copiedBytes;
        if (bytes > peakBytes) {
            peakBytes = bytes;
        }
    }

    /**
     * Counts an array that an augmented primal copied for its pullback, which recomputes partials from it instead
     * of popping them (Snapshots), so that the peak includes it.
     *
     * @param copy a {@code double[]} or {@code float[]}
     */
    public void noteCopy(Object copy) {
        copiedBytes += arrayBytes(copy);
    }

    /**
     * The pullback is done with a copy that {@link #noteCopy} counted.
     *
     * @param copy     the copy, or the array itself when none was made, or null
     * @param original the array
     */
    public void dropCopy(Object copy, Object original) {
        if (copy != null && copy != original) {
            copiedBytes = Math.max(0, copiedBytes - arrayBytes(copy));
        }
    }

    private static long arrayBytes(Object a) {
        return a instanceof double[] ? 16L + 8L * ((double[]) a).length : 16L + 4L * ((float[]) a).length;
    }

    /** @return the peak of the stacks of the last gradient this thread finished, in bytes */
    public static long lastPeakBytes() {
        return LAST_PEAK.get()[0];
    }

    /**
     * Clears this tape and keeps it as the thread's spare. A gradient has ended: the cache stores the graph of the
     * companions it reached, if it grew.
     */
    public void release() {
        LAST_PEAK.get()[0] = peakBytes;
        peakBytes = 0;
        copiedBytes = 0;
        refsCapacity = refs.length;
        if (refs.length >= KEEP_REFS) {
            // the pushes reach no higher than the peak the augmented primals noted; all of it when none did
            Arrays.fill(refs, 0, peakO > 0 ? Math.min(refs.length, Math.max(peakO, oTop)) : refs.length, null);
        } else {
            refs = NO_REFS;
        }
        dTop = 0;
        iTop = 0;
        oTop = 0;
        shadows.clear();
        Arrays.fill(statics, 0.0);
        poison = null;
        unwound = false;
        unwinding = false;
        frozen = null;
        frozenWritten = false;
        shrinkWhenIdle();
        peakD = 0;
        peakI = 0;
        peakO = 0;
        SPARE.set(this);
        StoredCompanions.gradientEnded();
    }

    private void shrinkWhenIdle() {
        boolean large = d.length > KEEP_LIMIT || ints.length > KEEP_LIMIT || refsCapacity > KEEP_LIMIT;
        // a small stack never holds the large ones back: only the stacks past the limit must be idle
        boolean idle = idle(peakD, d.length) && idle(peakI, ints.length) && idle(peakO, refsCapacity);
        if (!large || !idle) {
            idleReleases = 0;
            idlePeak = new int[3];
            return;
        }
        idleReleases++;
        idlePeak[0] = Math.max(idlePeak[0], peakD);
        idlePeak[1] = Math.max(idlePeak[1], peakI);
        idlePeak[2] = Math.max(idlePeak[2], peakO);
        if (idleReleases < SHRINK_AFTER) {
            return;
        }
        if (d.length > KEEP_LIMIT) {
            d = new double[room(idlePeak[0])];
        }
        if (ints.length > KEEP_LIMIT) {
            ints = new int[room(idlePeak[1])];
        }
        if (refsCapacity > KEEP_LIMIT) {
            refsCapacity = room(idlePeak[2]);
        }
        idleReleases = 0;
        idlePeak = new int[3];
    }

    /** @return whether a stack of {@code length} slots that held at most {@code peak} is idle, or is not large */
    private static boolean idle(int peak, int length) {
        return length <= KEEP_LIMIT || peak < length / 8;
    }

    /** @return a stack length with room for twice the slots used, a power of two no less than the initial one */
    private static int room(int used) {
        return Math.max(INITIAL, Integer.highestOneBit(Math.max(1, used)) << 2);
    }

    /** @return the slots of the double, int and reference stacks this tape starts a gradient with (for tests) */
    int[] capacity() {
        return new int[] {d.length, ints.length, refsCapacity};
    }

    /**
     * Makes the tape ready to run a pullback again: the stacks back at the tops they had when the augmented primal
     * returned, and every adjoint zero. A pullback only reads what the augmented primal recorded, so the same
     * recording serves any number of pullbacks.
     *
     * @param dTop the double stack's top after the augmented primal
     * @param iTop the int stack's top
     * @param oTop the reference stack's top
     */
    public void rewind(int dTop, int iTop, int oTop) {
        this.dTop = dTop;
        this.iTop = iTop;
        this.oTop = oTop;
        shadows.zeroAll();
        Arrays.fill(statics, 0.0);
        unwound = false;
        unwinding = false;
    }

    // ---- stacks, called by generated code ----

    /**
     * The spill array of a crowded method, on its entry: one a method gave back, or a new one. A method calling
     * itself takes another, since the caller gives its array back only when it returns; one that an exception leaves
     * never gives it back, and it is simply dropped. Its entries are not zeroed: every entry a method reads it wrote
     * before in the same call (the method's locals were definitely assigned before their loads, and locals sharing
     * an entry are never live at once).
     *
     * @param n the entries the method uses
     * @return an array of at least {@code n} entries that nothing else uses until it is given back
     */
    public double[] takeSpill(int n) {
        double[] s = null;
        if (spillCount > 0) {
            s = spills[--spillCount];
        }
        if (s == null || s.length < n) {
            s = new double[n];
        }
        if (POISON_SPILLS) {
            Arrays.fill(s, Double.NaN);
        }
        return s;
    }

    /**
     * Gives back the spill array a crowded method took, just before it returns.
     *
     * @param s the array {@link #takeSpill} gave the method
     */
    public void giveSpill(double[] s) {
        if (spillCount < MAX_SPILLS) {
            spills[spillCount++] = s;
        }
    }

    public void pushD(double v) {
        int top = dTop;
        double[] a = d;
        if (top == a.length) {
            a = growD();
        }
        a[top] = v;
        dTop = top + 1;
    }

    public double popD() {
        return d[--dTop];
    }

    public void pushI(int v) {
        int top = iTop;
        int[] a = ints;
        if (top == a.length) {
            a = growI();
        }
        a[top] = v;
        iTop = top + 1;
    }

    public int popI() {
        return ints[--iTop];
    }

    public void pushO(Object v) {
        int top = oTop;
        Object[] a = refs;
        if (top == a.length) {
            a = growO();
        }
        a[top] = v;
        oTop = top + 1;
    }

    public Object popO() {
        return refs[--oTop];
    }

    /**
     * Makes room for {@code n} more doubles above {@code top} (generated code's cached top).
     *
     * @return the array to push into
     */
    public double[] growD(int top, int n) {
        if (top + n > d.length) {
            d = Arrays.copyOf(d, Math.max(d.length * 2, top + n));
        }
        return d;
    }

    /** @see #growD(int, int) */
    public int[] growI(int top, int n) {
        if (top + n > ints.length) {
            ints = Arrays.copyOf(ints, Math.max(ints.length * 2, top + n));
        }
        return ints;
    }

    /** @see #growD(int, int) */
    public Object[] growO(int top, int n) {
        if (top + n > refs.length) {
            refs = Arrays.copyOf(refs, Math.max(Math.max(INITIAL, refs.length * 2), top + n));
        }
        return refs;
    }

    private double[] growD() {
        d = Arrays.copyOf(d, d.length * 2);
        return d;
    }

    private int[] growI() {
        ints = Arrays.copyOf(ints, ints.length * 2);
        return ints;
    }

    private Object[] growO() {
        refs = Arrays.copyOf(refs, Math.max(INITIAL, refs.length * 2));
        return refs;
    }

    // ---- shadows of the heap ----

    /**
     * The adjoints of the elements of a {@code double[]} or {@code float[]}, created (zero) on first use.
     *
     * @param array a floating-point array
     * @return an array of the same length that holds its adjoints
     */
    public double[] arrayShadow(Object array) {
        return shadows.get(array, ShadowMap.ARRAY);
    }

    /**
     * The adjoints of the {@code double} and {@code float} instance fields of an object, indexed by
     * {@link FieldSlots}.
     *
     * @param object any object
     * @return its field adjoints
     */
    public double[] fieldShadow(Object object) {
        return shadows.get(object, ShadowMap.FIELDS);
    }

    /**
     * The adjoints of the static {@code double} and {@code float} fields, indexed by {@link FieldSlots}. They live
     * per gradient, so concurrent gradients over shared classes do not race.
     *
     * @param slot the field's slot
     * @return the array that holds the adjoint at {@code slot}
     */
    public double[] staticShadow(int slot) {
        double[] s = statics;
        if (slot >= s.length) {
            s = statics = Arrays.copyOf(s, Math.max(slot + 1, s.length * 2));
        }
        return s;
    }

    /**
     * Looks up a shadow without creating one.
     *
     * @param ref an array or object
     * @return its shadow, or {@code null} when it has received no adjoint
     */
    public double[] existingShadow(Object ref) {
        return shadows.find(ref);
    }

    /**
     * Registers the shadow of an input, so that the adjoints that reach it can be read after the pullback.
     *
     * @param ref    the input
     * @param shadow its adjoints
     */
    public void registerShadow(Object ref, double[] shadow) {
        shadows.put(ref, shadow);
    }

    // ---- failure that must not let a gradient through ----

    /**
     * Marks this gradient as unusable, even if the function catches the exception and returns normally.
     *
     * @param reason the exception that {@code AD} throws at the end
     * @return the first reason: a refusal that the function caught and wrapped into an exception of its own
     *         ({@code new RuntimeException(e)}) is not reported as the refusal of that wrapping
     */
    public RuntimeException poison(RuntimeException reason) {
        if (poison == null) {
            poison = reason;
        }
        return poison;
    }

    /** @return the first reason this gradient cannot be trusted, or {@code null} */
    public RuntimeException poisoned() {
        return poison;
    }

    /** @return the bytes the stacks hold now */
    public long bytesInUse() {
        return 8L * dTop + 4L * iTop + 8L * oTop;
    }

    /** @return the number of doubles, ints and references on the tape, for diagnostics */
    @Override
    public String toString() {
        return "Tape[d=" + dTop + ", i=" + iTop + ", o=" + oTop + "]";
    }
}
