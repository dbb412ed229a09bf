package dev.adjoint.bench.shapes;

/**
 * A loop of 10^6 iterations whose body is a call of a tiny method, once static and once on an object: the same
 * arithmetic (a multiplication and an addition per call), so that the two gradients differ only by the call's shape.
 */
public final class CallLoops {

    /** Calls per loop. */
    public static final int ITERATIONS = 1_000_000;

    private CallLoops() {
    }

    /** One step of a decaying recurrence, s r + 1e-3: the tiny static method. */
    static double decay(double s, double rate) {
        return s * rate + 1e-3;
    }

    /**
     * @param rate the decay rate, below 1
     * @return the recurrence's value after {@link #ITERATIONS} static calls
     */
    public static double staticCalls(double rate) {
        double s = 0.5;
        for (int i = 0; i < ITERATIONS; i++) {
            s = decay(s, rate);
        }
        return s;
    }

    /**
     * @param rate the decay rate, below 1
     * @return the same value through {@link #ITERATIONS} calls of an instance method that reads its field
     */
    public static double instanceCalls(double rate) {
        Decay decay = new Decay(rate);
        double s = 0.5;
        for (int i = 0; i < ITERATIONS; i++) {
            s = decay.apply(s);
        }
        return s;
    }

    /** The recurrence's step as an object that holds its rate. */
    static final class Decay {
        private final double rate;

        Decay(double rate) {
            this.rate = rate;
        }

        double apply(double s) {
            return s * rate + 1e-3;
        }
    }
}
