package dev.adjoint.internal.ir;

/** Validation targets of {@link FlowValidationTest}: what the flow analysis should find is written on each line. */
final class LoopTargets {

    private LoopTargets() {
    }

    static double nested(double[] x, int n) {
        double s = 0;                              // expect: out:outer, out:inner
        int j = 0;                                 // expect: out:outer, out:inner
        while (j < n) {                            // expect: header:outer, out:inner
            int i = 0;                             // expect: in:outer, out:inner
            while (i < x.length) {                 // expect: header:inner, in:outer
                s += x[i] * j;                     // expect: in:inner, in:outer, throws
                i++;                               // expect: latch:inner, in:outer
            }
            j++;                                   // expect: latch:outer, out:inner
        }
        return s;                                  // expect: out:outer, out:inner
    }

    static double withBreak(double[] x, double limit) {
        double s = 0;                              // expect: out:loop
        int i = 0;                                 // expect: out:loop
        while (i < x.length) {                     // expect: header:loop
            if (s > limit) {                       // expect: in:loop
                break;                             // expect: out:loop (a break leaves the natural loop)
            }
            s += x[i];                             // expect: in:loop, throws
            i++;                                   // expect: latch:loop
        }
        return s;                                  // expect: out:loop
    }
}
