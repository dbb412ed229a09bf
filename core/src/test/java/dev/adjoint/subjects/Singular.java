package dev.adjoint.subjects;

/**
 * Functions that pass through a point where an elementary function has an infinite partial (a square root or an
 * arcsine at the end of its domain) on a path that does not reach the result: a zero weight, a {@code max} that
 * picks the other argument, a step that shrinks to zero.
 */
public final class Singular {

    private Singular() {
    }

    /** {@code x0 + sqrt(x1) x2}: at {@code x1 = x2 = 0} the root's partial is infinite and its weight zero. */
    public static double weightedRoot(double[] x) {
        return x[0] + Math.sqrt(x[1]) * x[2];
    }

    /** {@code max(1, sqrt(x0) + x1)}, where the {@code max} picks its constant. */
    public static double clippedRoot(double[] x) {
        return Math.max(1.0, Math.sqrt(x[0]) + x[1]);
    }

    /**
     * A loop that scales the length of a step {@code d = x - c}, whose length is a root, by a factor that is zero
     * once the step is: the pattern of a trust-region optimizer whose steps shrink to nothing.
     */
    public static double shrinkingSteps(double[] x) {
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - 1.0;
            double length = Math.sqrt(d * d);
            double arc = Math.asin(Math.min(1.0, Math.abs(d) + 1.0));
            total = total + length * d + arc * (d * d) + x[i];
        }
        return total;
    }

    /**
     * The angle between two unit vectors as geometry code writes it, the cosine clamped to 1 against rounding before
     * the arccosine, whose partial is infinite at 1: {@code acos(min(1, x0 x1 + 0.5))}.
     */
    public static double clampedAngle(double[] x) {
        double cosine = x[0] * x[1] + 0.5;
        double clamped = Math.min(1.0, cosine);
        return Math.acos(clamped);
    }

    /** {@code asin(1 + x1 x0)} at {@code x1 = 0}: constant in {@code x0}, where the arcsine's partial is infinite. */
    public static double arcsineAtOne(double[] x) {
        double c = 1.0 + x[1] * x[0];
        return Math.asin(c);
    }

    /** {@code cbrt(x^3)}, which is {@code x}, but whose chain rule at 0 multiplies an infinite partial by zero. */
    public static double rootOfCube(double[] x) {
        return Math.cbrt(x[0] * x[0] * x[0]);
    }

    /**
     * {@link #arcsineAtOne} with the argument passed through an array: the infinite adjoint reaches the argument's
     * statement through memory, where the zero is an operand of a product, not a rule's partial.
     */
    public static double arcsineAtOneThroughMemory(double[] x) {
        double[] c = {1.0 + x[1] * x[0]};
        return Math.asin(c[0]);
    }
}
