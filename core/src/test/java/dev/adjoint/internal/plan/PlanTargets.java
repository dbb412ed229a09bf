package dev.adjoint.internal.plan;

/** Validation targets of {@link PlanValidationTest}: the plan's decisions, written beside the lines they concern. */
final class PlanTargets {

    private PlanTargets() {
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        int i = 0;
        while (i < a.length) {                     // expect: counted loop, derived count
            s += a[i] * b[i];
            i++;
        }
        return s;
    }

    static double halve(double x) {
        double y = x;
        while (y > 1) {                            // expect: counted loop, taped count
            y = y / 2;
        }
        return y;
    }

    static void accumulate(double[] acc, double[] x, double w) {
        int i = 0;
        while (i < x.length) {                     // expect: counted loop, derived count
            acc[i] = acc[i] + w * x[i];            // expect: increment
            i++;
        }
    }

    static void accumulateCompound(double[] acc, double[] x, double w) {
        for (int i = 0; i < x.length; i++) {       // expect: counted loop, derived count
            acc[i] += w * x[i];                    // expect: increment
        }
    }

    static void notAnIncrement(double[] acc, double[] x) {
        for (int i = 0; i < x.length; i++) {       // expect: counted loop, derived count
            acc[i] = acc[i] * x[i];                // expect: no increment (the element's partial is x[i], not 1)
        }
    }

    static void matrixVector(double[] m, double[] v, double[] out, int n) {
        for (int j = 0; j < n; j++) {              // expect: counted loop, derived count
            for (int i = 0; i < n; i++) {          // expect: counted loop, derived count
                out[j] += m[j * n + i] * v[i];     // expect: increment, snapshot of m, snapshot of v
            }
        }
    }

    static double[] packedLowerTimes(double[] packed, double[] v) {
        int d = v.length;
        double[] out = new double[d];
        int l = 0;
        for (int i = 0; i < d; i++) {              // expect: counted loop, derived count
            for (int j = i + 1; j < d; j++) {      // expect: counted loop, derived count
                out[j] += packed[l++] * v[i];      // expect: deferred, increment, snapshot of packed, snapshot of v
            }
        }
        return out;
    }

    static double rowTimes(double[] x, double[][] rows, int n) {
        double[] v = rows[0];
        double s = 0;
        for (int i = 0; i < n; i++) {              // expect: counted loop, derived count
            for (int j = 0; j < n; j++) {          // expect: counted loop, derived count
                s += v[j] * x[i];                  // expect: deferred, snapshot of v, snapshot of x
            }
        }
        return s + sum(v);
    }

    static double rowTimesAfterCall(double[] x, double[][] rows, int n) {
        double[] v = rows[0];
        double t = sum(v);
        double s = 0;
        for (int i = 0; i < n; i++) {              // expect: counted loop, derived count
            for (int j = 0; j < n; j++) {          // expect: counted loop, derived count
                s += v[j] * x[i];                  // expect: no snapshot (sum(v) could have written v or x)
            }
        }
        return s + t;
    }

    static double rowInLoop(double[] x, double[][] rows, int n) {
        double s = 0;
        for (int r = 0; r < rows.length; r++) {    // expect: counted loop, taped count
            double[] v = rows[r];
            for (int i = 0; i < n; i++) {          // expect: counted loop, derived count
                for (int j = 0; j < n; j++) {      // expect: counted loop, derived count
                    s += v[j] * x[i];              // expect: deferred, snapshot of v, snapshot of x (v copied per pass)
                }
            }
        }
        return s;
    }

    static double sum(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e;
        }
        return s;
    }

    static double highHalfReused(double[] x) {
        double s = 0;
        {
            int p = x.length;
            double t = x[0] * p;
            s += t;
        }
        {
            double q = x[1];
            for (int i = 0; i < x.length; i++) {   // expect: counted loop, derived count (i reuses t's high half)
                s += x[i] * q;
            }
        }
        return s;
    }

    static double bits(double x) {
        long raw = Double.doubleToRawLongBits(x) & 0x7fffffffffffffffL;
        return Double.longBitsToDouble(raw);       // expect: refused
    }
}
