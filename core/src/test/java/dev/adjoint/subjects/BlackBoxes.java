package dev.adjoint.subjects;

import java.util.stream.DoubleStream;

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

    /** A dot product through an infinite stream, which stays the JDK's (a finite one is differentiated). */
    public static double streamDot(double[] a, double[] b) {
        int[] i = {0};
        return DoubleStream.generate(() -> a[i[0]] * b[i[0]++]).limit(a.length).sum();
    }

    /** The same, without a substitute. */
    public static double streamDotWithoutSubstitute(double[] a, double[] b) {
        int[] i = {0};
        return DoubleStream.generate(() -> a[i[0]] * b[i[0]++]).limit(a.length).sum();
    }
}
