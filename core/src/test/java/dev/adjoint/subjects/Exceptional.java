package dev.adjoint.subjects;

/** Exceptions thrown and caught inside differentiated code. */
public final class Exceptional {

    private Exceptional() {
    }

    static final class Overflow extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final double partial;

        Overflow(double partial) {
            super(null, null, false, false);
            this.partial = partial;
        }
    }

    /** Writes to an array, then throws when the value grows too large. */
    static double accumulate(double[] sink, double x, int steps) {
        double v = x;
        for (int i = 0; i < steps; i++) {
            v = v * 1.5 + Math.sin(v);
            sink[i % sink.length] += v;
            if (v > 4) {
                throw new IllegalStateException("too large at " + i);
            }
        }
        return v;
    }

    public static double caughtAfterHeapWrites(double x) {
        double[] sink = new double[3];
        double y;
        try {
            y = accumulate(sink, x, 10);
        } catch (IllegalStateException e) {
            y = -x * x;
        }
        return y + sink[0] * 2 + sink[1] * 3 + sink[2];
    }

    /** Products of weights and values, one per value: runs past the end of a shorter {@code weights}. */
    static void weigh(double[] weights, double[] values, double[] out) {
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] * weights[i] * values[i];
        }
    }

    /**
     * An exception from the middle of a counted loop's last iteration, in a callee, caught by the caller: the
     * pullback reverses the cut-short iteration and then only the whole ones before it.
     */
    public static double cutShortInACalleesLoop(double x) {
        double[] values = {x, 2 * x, x * x, 3.0, Math.sin(x)};
        double[] weights = {0.5, x, 1.5};
        double[] out = new double[values.length];
        double s = 0;
        try {
            weigh(weights, values, out);
        } catch (ArrayIndexOutOfBoundsException e) {
            s = x;
        }
        for (double o : out) {
            s += o;
        }
        return s;
    }

    public static double caughtInLoop(double x) {
        double total = 0;
        for (int k = 1; k <= 6; k++) {
            try {
                if (k % 2 == 0) {
                    throw new IllegalArgumentException("even " + k);
                }
                total += Math.pow(x, k);
            } catch (IllegalArgumentException e) {
                total *= 1 + x / k;
            } finally {
                total += x;
            }
        }
        return total;
    }

    public static double localsAssignedBeforeTheThrow(double x) {
        double y = 0;
        double z = 1;
        try {
            y = x * x;
            z = y * 3;
            Integer.parseInt("not a number");
            z = 100;
        } catch (NumberFormatException e) {
            y += x;
        }
        return y * z;
    }

    static double deepest(double x, int depth) {
        if (depth == 0) {
            throw new Overflow(x * x);
        }
        return deepest(Math.sin(x) + x, depth - 1) * 2;
    }

    public static double caughtTwoLevelsUp(double x) {
        try {
            return middle(x);
        } catch (Overflow o) {
            return o.partial + x;
        }
    }

    static double middle(double x) {
        double keep = x * 3;
        return deepest(keep, 3) + keep;
    }

    interface Step {
        double apply(double v);
    }

    static final class Safe implements Step {
        @Override
        public double apply(double v) {
            return v * v;
        }
    }

    static final class Risky implements Step {
        double touched;

        @Override
        public double apply(double v) {
            touched = v * 5;
            if (v > 0.5) {
                throw new ArithmeticException("risky");
            }
            return v;
        }
    }

    static final Risky RISKY = new Risky();
    static final Step[] STEPS = {new Safe(), RISKY, new Safe()};

    public static double virtualCallThatThrows(double x) {
        double s = 0;
        for (Step step : STEPS) {
            try {
                s += step.apply(x);
            } catch (ArithmeticException e) {
                s += RISKY.touched;
            }
        }
        return s;
    }

    static final class Checked {
        final double value;

        Checked(double v) {
            if (v > 1) {
                throw new IllegalArgumentException("too big");
            }
            this.value = v * 2;
        }
    }

    public static double constructorThatThrows(double x) {
        double r;
        try {
            r = new Checked(x).value;
        } catch (IllegalArgumentException e) {
            r = x / 2;
        }
        return r * x;
    }

    public static double swallowsARefusal(double x) {
        try {
            return Double.longBitsToDouble(Double.doubleToRawLongBits(x) + 1);
        } catch (RuntimeException e) {
            return x;
        }
    }
}
