package dev.adjoint.subjects;

/**
 * Counted loops whose pullback derives the iteration count from the loop's index instead of popping it from the
 * tape (CountedLoops), and loops beside them that do not qualify. Each returns a scalar of its
 * whole input so that the gradient checks every element.
 */
public final class IndexedLoops {

    private IndexedLoops() {
    }

    /** out = Q x for a triangular Q read row by row from x itself: inner loops of 0 to n − 1 iterations. */
    public static double triangular(double[] x) {
        int n = 5;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.exp(x[i]) * x[i + n];
        }
        int l = 2 * n;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                out[j] += x[l] * x[i + n];
                l++;
            }
        }
        double s = 0;
        for (double e : out) {
            s += e * e;
        }
        return s;
    }

    /** A loop that breaks out of its body: control leaves through another edge than the header's. */
    public static double breaksOut(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] > 1.0) {
                break;
            }
            s += x[i] * Math.sin(x[(i + 1) % x.length]);
        }
        return s * x[0];
    }

    /** A labelled break that leaves two loops at once. */
    public static double leavesTwoLoops(double[] x) {
        double s = 0;
        outer:
        for (int i = 0; i < 4; i++) {
            for (int j = i; j < x.length; j++) {
                if (j - i == 3 && i == 2) {
                    break outer;
                }
                s += x[i] * x[j] * (j - i + 1);
            }
        }
        return s;
    }

    /** The index starts from the array's length: its value on entry is recomputed from the length. */
    public static double fromTheLength(double[] x) {
        double s = 0;
        for (int j = x.length - 4; j < x.length; j++) {
            s += x[j] * x[j - 1] * j;
        }
        return s;
    }

    /** Steps by two: not derived (the count is taped). */
    public static double stepsByTwo(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i += 2) {
            s += x[i] * x[i + 1];
        }
        return s * s;
    }

    /** Writes its index in the body: not derived. */
    public static double skipsInTheBody(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length - 1; i++) {
            if (x[i] < 0) {
                i++;
            }
            s += x[i] * x[i] * (i + 1);
        }
        return s;
    }

    /** Stores out[i] for i &lt; n, past the end of out when n is larger: the store throws in the latch. */
    static void weigh(double[] a, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] * a[(i + 2) % a.length];
        }
    }

    /** The callee's loop is cut short by an exception that the caller catches. */
    public static double cutShort(double[] x) {
        double[] out = new double[4];
        double s = 0;
        try {
            weigh(x, out, x.length);
        } catch (ArrayIndexOutOfBoundsException e) {
            s = x[1];
        }
        for (int i = 0; i < out.length; i++) {
            s += out[i] * (i + 1);
        }
        return s;
    }

    /** Exceptions thrown and caught inside the loop, on every other iteration. */
    public static double caughtInside(double[] x) {
        double total = 0;
        for (int k = 0; k < x.length; k++) {
            try {
                if (k % 2 == 1) {
                    throw new IllegalArgumentException("odd " + k);
                }
                total += x[k] * x[k];
            } catch (IllegalArgumentException e) {
                total *= 1 + x[k] / (k + 1);
            }
        }
        return total;
    }

    /** Inner loops that start past their bound on the last outer iterations: no iteration, index left at its start. */
    public static double startsPastTheBound(double[] x) {
        int n = 6;
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 2; j < n; j++) {
                s += x[i] * Math.cos(x[j]) * (j - i);
            }
        }
        return s;
    }

    /** The index is read after the loop: the pullback has its value there from the return. */
    public static double indexReadAfter(double[] x) {
        int i;
        double s = 0;
        for (i = 0; i < x.length - 3; i++) {
            s += x[i] * x[i + 1];
        }
        return s * x[i - 1] + x[i];
    }

    /** The bound shrinks inside the loop: not a bound the pullback can recompute where the loop leaves. */
    public static double boundWrittenInside(double[] x) {
        int m = x.length;
        double s = 0;
        for (int j = 0; j < m; j++) {
            s += x[j] * x[m - 1];
            if (x[j] < -1) {
                m--;
            }
        }
        return s;
    }

    /** The index keeps its value from one outer iteration to the next and is read before it is set again. */
    public static double indexCarriedOver(double[] x) {
        int j = 0;
        double s = 0;
        for (int r = 0; r < 3; r++) {
            s += x[j % x.length] * x[r];
            for (j = r; j < r + 4; j++) {
                s += x[j] * x[j + 1];
            }
        }
        return s;
    }

    /**
     * The loop never reads its index, which is set again after the loop and only then read: the pullback reads the
     * index where it leaves the loop (to count the iterations), so the old value at the later store is needed.
     */
    public static double indexOnlyCounts(double[] x) {
        double s = 0.1;
        int i;
        for (i = 0; ; i++) {
            if (s > 2) {
                break;
            }
            s += s * x[0] + 0.25;
        }
        i = 3;
        return s * x[i];
    }
}
