package dev.adjoint.internal.rules;

/**
 * Partial derivatives of the elementary functions of {@link Math} and {@link StrictMath}. Each method takes the
 * arguments of the function and its result, and returns the partial derivative with respect to one argument.
 *
 * <p>At points where a function is not differentiable the rule returns a one-sided or conventional value, as the
 * major frameworks do: {@code abs'(0) = 0}; ties of {@code min} and {@code max} split the derivative evenly;
 * {@code pow(0, b)} has derivative 0 in {@code b}.
 */
public final class MathRules {

    private static final double LN10 = Math.log(10.0);

    private MathRules() {
    }

    public static double sin(double x, double r) {
        return Math.cos(x);
    }

    public static double cos(double x, double r) {
        return -Math.sin(x);
    }

    public static double tan(double x, double r) {
        return 1.0 + r * r;
    }

    public static double asin(double x, double r) {
        return 1.0 / Math.sqrt(1.0 - x * x);
    }

    public static double acos(double x, double r) {
        return -1.0 / Math.sqrt(1.0 - x * x);
    }

    public static double atan(double x, double r) {
        return 1.0 / (1.0 + x * x);
    }

    public static double atan2Y(double y, double x, double r) {
        return x / (x * x + y * y);
    }

    public static double atan2X(double y, double x, double r) {
        return -y / (x * x + y * y);
    }

    public static double sinh(double x, double r) {
        return Math.cosh(x);
    }

    public static double cosh(double x, double r) {
        return Math.sinh(x);
    }

    public static double tanh(double x, double r) {
        return 1.0 - r * r;
    }

    public static double exp(double x, double r) {
        return r;
    }

    public static double expm1(double x, double r) {
        return r + 1.0;
    }

    public static double log(double x, double r) {
        return 1.0 / x;
    }

    public static double log10(double x, double r) {
        return 1.0 / (x * LN10);
    }

    public static double log1p(double x, double r) {
        return 1.0 / (1.0 + x);
    }

    public static double sqrt(double x, double r) {
        return 0.5 / r;
    }

    public static double cbrt(double x, double r) {
        return 1.0 / (3.0 * r * r);
    }

    public static double hypotX(double x, double y, double r) {
        return r == 0.0 ? 0.0 : x / r;
    }

    public static double hypotY(double x, double y, double r) {
        return r == 0.0 ? 0.0 : y / r;
    }

    public static double powBase(double a, double b, double r) {
        if (b == 0.0) {
            return 0.0;
        }
        if (b == 1.0) {
            return 1.0;
        }
        if (b == 2.0) {
            return 2.0 * a;
        }
        return b * Math.pow(a, b - 1.0);
    }

    public static double powExponent(double a, double b, double r) {
        if (a == 0.0 && b > 0.0) {
            return 0.0;
        }
        return r * Math.log(a);
    }

    public static double abs(double x, double r) {
        return x > 0.0 ? 1.0 : x < 0.0 ? -1.0 : 0.0;
    }

    public static double abs(float x, float r) {
        return x > 0.0f ? 1.0 : x < 0.0f ? -1.0 : 0.0;
    }

    public static double maxFirst(double a, double b, double r) {
        return a > b ? 1.0 : a < b ? 0.0 : a == b ? 0.5 : Double.isNaN(a) ? 1.0 : 0.0;
    }

    public static double maxSecond(double a, double b, double r) {
        return b > a ? 1.0 : b < a ? 0.0 : a == b ? 0.5 : Double.isNaN(b) ? 1.0 : 0.0;
    }

    public static double maxFirst(float a, float b, float r) {
        return maxFirst((double) a, (double) b, (double) r);
    }

    public static double maxSecond(float a, float b, float r) {
        return maxSecond((double) a, (double) b, (double) r);
    }

    public static double minFirst(double a, double b, double r) {
        return a < b ? 1.0 : a > b ? 0.0 : a == b ? 0.5 : Double.isNaN(a) ? 1.0 : 0.0;
    }

    public static double minSecond(double a, double b, double r) {
        return b < a ? 1.0 : b > a ? 0.0 : a == b ? 0.5 : Double.isNaN(b) ? 1.0 : 0.0;
    }

    public static double minFirst(float a, float b, float r) {
        return minFirst((double) a, (double) b, (double) r);
    }

    public static double minSecond(float a, float b, float r) {
        return minSecond((double) a, (double) b, (double) r);
    }

    /** d copySign(m, s) / dm: the sign that {@code s} gives to {@code m}, relative to {@code m}'s own sign. */
    public static double copySignMagnitude(double m, double s, double r) {
        return Math.copySign(1.0, m) * Math.copySign(1.0, s);
    }

    public static double copySignMagnitude(float m, float s, float r) {
        return Math.copySign(1.0, m) * Math.copySign(1.0, s);
    }

    public static double fmaFirst(double a, double b, double c, double r) {
        return b;
    }

    public static double fmaSecond(double a, double b, double c, double r) {
        return a;
    }

    public static double fmaFirst(float a, float b, float c, float r) {
        return b;
    }

    public static double fmaSecond(float a, float b, float c, float r) {
        return a;
    }

    /** d IEEEremainder(x, y) / dy: the remainder is x - n y with n the integer nearest x / y. */
    public static double ieeeRemainderDivisor(double x, double y, double r) {
        return -Math.rint((x - r) / y);
    }

    public static double scalb(double d, int n, double r) {
        return Math.scalb(1.0, n);
    }

    public static double scalb(float f, int n, float r) {
        return Math.scalb(1.0, n);
    }

    public static double clampValue(double v, double min, double max, double r) {
        return v > min && v < max ? 1.0 : 0.0;
    }

    public static double clampMin(double v, double min, double max, double r) {
        return v <= min ? 1.0 : 0.0;
    }

    public static double clampMax(double v, double min, double max, double r) {
        return v >= max && v > min ? 1.0 : 0.0;
    }

    public static double clampValue(float v, float min, float max, float r) {
        return clampValue((double) v, min, max, r);
    }

    public static double clampMin(float v, float min, float max, float r) {
        return clampMin((double) v, min, max, r);
    }

    public static double clampMax(float v, float min, float max, float r) {
        return clampMax((double) v, min, max, r);
    }

    /** d (a % b) / db, for Java's remainder (truncating division): the remainder is a - b trunc(a / b). */
    public static double remainderDivisor(double a, double b, double r) {
        double q = (a - r) / b;
        return -(q < 0 ? Math.ceil(q - 0.5) : Math.floor(q + 0.5));
    }
}
