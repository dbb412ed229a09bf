package dev.adjoint.subjects;

import java.util.stream.IntStream;

/** Code the engine does not follow by itself: bit tricks and streams. */
public final class BlackBoxes {

    private BlackBoxes() {
    }

    /** Quake III's inverse square root: the bits of x give a first guess, one Newton step refines it. */
    public static float fastInverseSqrt(float x) {
        float half = 0.5f * x;
        int bits = Float.floatToIntBits(x);
        bits = 0x5f3759df - (bits >> 1);
        float y = Float.intBitsToFloat(bits);
        return y * (1.5f - half * y * y);
    }

    /** The same code, for which no rule is ever registered. */
    public static float fastInverseSqrtWithoutRule(float x) {
        float half = 0.5f * x;
        int bits = Float.floatToIntBits(x);
        bits = 0x5f3759df - (bits >> 1);
        float y = Float.intBitsToFloat(bits);
        return y * (1.5f - half * y * y);
    }

    /** A dot product through a stream. */
    public static double streamDot(double[] a, double[] b) {
        return IntStream.range(0, a.length).mapToDouble(i -> a[i] * b[i]).sum();
    }

    /** The same, without a substitute. */
    public static double streamDotWithoutSubstitute(double[] a, double[] b) {
        return IntStream.range(0, a.length).mapToDouble(i -> a[i] * b[i]).sum();
    }
}
