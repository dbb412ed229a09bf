package dev.adjoint.internal.activity;

import dev.adjoint.internal.ir.MethodFlow;

/**
 * Which values of a method carry derivatives. A value is <em>varied</em> when it may depend on a differentiated
 * input (a floating-point parameter, a read of the heap, the result of a call), <em>useful</em> when it may
 * influence an output (the returned value, a store to the heap, an argument of a call), and <em>active</em> when
 * both. Only active values get derivative code; everything else runs as it is and costs nothing.
 */
public final class Activity {

    private final MethodFlow flow;
    final boolean[] varied;
    final boolean[] useful;
    final boolean[] bitsTainted;
    final boolean[] bitsViolation;
    /** Per instruction where a derivative in disguise would be lost: what happens there. */
    final String[] lostBy;

    Activity(MethodFlow flow) {
        int n = flow.nodeCount();
        this.flow = flow;
        this.varied = new boolean[n];
        this.useful = new boolean[n];
        this.bitsTainted = new boolean[n];
        this.bitsViolation = new boolean[n];
        this.lostBy = new String[n];
    }

    public MethodFlow flow() {
        return flow;
    }

    /** @return whether the value produced by node {@code p} may depend on a differentiated input */
    public boolean varied(int p) {
        return varied[p];
    }

    /** @return whether the value produced by node {@code p} may influence an output */
    public boolean useful(int p) {
        return useful[p];
    }

    /** @return whether node {@code p} produces a floating-point value that carries a derivative */
    public boolean active(int p) {
        return varied[p] && useful[p];
    }

    /**
     * @return whether instruction {@code p} turns integer bits that came from a value carrying a derivative back
     *         into a floating-point value that matters: a derivative the engine cannot follow
     */
    public boolean bitsViolation(int p) {
        return bitsViolation[p];
    }

    /**
     * @return for an instruction where {@link #bitsViolation} holds, the construct as a refusal names it: bits or
     *         text made from a value that carries a derivative, turned back into a number or leaving the method
     */
    public String lostDerivative(int p) {
        return lostBy[p];
    }

    /** @return whether any instruction of the method computes with a value that carries a derivative */
    public boolean anyActive() {
        for (int i = 0; i < varied.length; i++) {
            if (varied[i] && useful[i]) {
                return true;
            }
        }
        return false;
    }
}
