package dev.adjoint.internal.runtime;

import dev.adjoint.DerivativeRules;
import dev.adjoint.Substitute;

/**
 * The tape's operations that move recorded numbers, for when generated code is itself differentiated (Hessians,
 * nested gradients): growing the stack of doubles copies the recorded partials, and their tangents must follow.
 */
@DerivativeRules(Tape.class)
public final class TapeRules {

    private TapeRules() {
    }

    /** {@link Tape#growD}, copying element by element so that the engine follows each value. */
    @Substitute("growD")
    public static double[] growD(Tape t, int top, int n) {
        double[] d = t.d;
        if (top + n > d.length) {
            double[] bigger = new double[Math.max(d.length * 2, top + n)];
            for (int i = 0; i < top; i++) {
                bigger[i] = d[i];
            }
            t.d = bigger;
            d = bigger;
        }
        return d;
    }
}
