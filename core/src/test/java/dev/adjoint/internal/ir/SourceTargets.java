package dev.adjoint.internal.ir;

/**
 * Validation targets of {@link SourcesTest}: each line that calls {@code get()} says whether the receiver is, on every
 * path, the one object the method allocated ({@code allocated}) or may be anything else ({@code unknown}).
 */
final class SourceTargets {

    private SourceTargets() {
    }

    static final class Box {
        final double v;

        Box(double v) {
            this.v = v;
        }

        double get() {
            return v;
        }
    }

    static double allocatedThenLoaded(double x) {
        Box b = new Box(x);
        double s = 0;
        for (int i = 0; i < 3; i++) {
            s = s * 0.5 + i;
            if (s > 2) {
                s = s - 1;
            }
        }
        return b.get() + s;                        // expect: allocated
    }

    static double castCopy(double x) {
        Object o = new Box(x);
        return ((Box) o).get();                    // expect: allocated
    }

    static double parameterOrAllocation(Box p, boolean fresh, double x) {
        Box b = fresh ? new Box(x) : p;
        return b.get();                            // expect: unknown
    }

    static double parameterReplacedWhenNull(Box b, double x) {
        if (b == null) {
            b = new Box(x);
        }
        return b.get();                            // expect: unknown
    }

    static double twoAllocations(boolean first, double x) {
        Box b;
        if (first) {
            b = new Box(x);
        } else {
            b = new Box(2 * x);
        }
        return b.get();                            // expect: unknown
    }

    static double elementOfAnArray(Box[] boxes) {
        Box b = boxes[0];
        return b.get();                            // expect: unknown
    }

    static double parameterOnBothPaths(Box p, double x) {
        Box b = p;
        if (x > 0) {
            b = p;
        }
        return b.get();                            // expect: unknown
    }

    static double replacedInALoop(double x) {
        Box b = new Box(x);
        for (int i = 0; i < 3; i++) {
            b = new Box(b.get() + 1);              // expect: unknown
        }
        return b.get();                            // expect: unknown
    }

    static double nullOrAllocation(boolean some, double x) {
        Box b = null;
        if (some) {
            b = new Box(x);
        }
        return b.get();                            // expect: unknown
    }
}
