package dev.adjoint.internal.rules;

import dev.adjoint.ConstantPartial;
import dev.adjoint.DerivativeRules;
import dev.adjoint.Partial;

/**
 * Partial derivatives of the elementary functions of {@link Math}, {@link StrictMath} and the {@code FastMath} of
 * Commons Math and Hipparchus (whose bodies are intrinsics, native code, or table lookups and bit tricks), and of the
 * arithmetic helpers of {@link Double} and {@link Float}. Each method takes the arguments of the function and its
 * result, and returns the partial derivative with respect to one argument. The rules use the public mechanism of
 * {@link DerivativeRules}, as users' rules do; a rule for a method that one of the classes lacks is never used.
 *
 * <p>At points where a function is not differentiable the rule returns a one-sided or conventional value, as the
 * major frameworks do: {@code abs'(0) = 0}; ties of {@code min} and {@code max} split the derivative evenly;
 * {@code pow(0, b)} has derivative 0 in {@code b}.
 */
@DerivativeRules(value = {Math.class, StrictMath.class, Double.class, Float.class},
        classNames = {"org.apache.commons.math3.util.FastMath", "org.hipparchus.util.FastMath"})
@ConstantPartial(method = "sum", value = {1, 1})
@ConstantPartial(method = "signum", value = 0)
@ConstantPartial(method = "floor", value = 0)
@ConstantPartial(method = "ceil", value = 0)
@ConstantPartial(method = "rint", value = 0)
@ConstantPartial(method = "round", value = 0)
@ConstantPartial(method = "ulp", value = 0)
@ConstantPartial(method = "getExponent", value = 0)
@ConstantPartial(method = "random", value = {})
@ConstantPartial(method = "nextUp", value = 1)
@ConstantPartial(method = "nextDown", value = 1)
@ConstantPartial(method = "nextAfter", value = {1, 0})
@ConstantPartial(method = "toDegrees", value = 180.0 / Math.PI)
@ConstantPartial(method = "toRadians", value = Math.PI / 180.0)
@ConstantPartial(method = "copySign", descriptor = "(DD)D", value = {Double.NaN, 0})
@ConstantPartial(method = "copySign", descriptor = "(FF)F", value = {Double.NaN, 0})
@ConstantPartial(method = "fma", descriptor = "(DDD)D", value = {Double.NaN, Double.NaN, 1})
@ConstantPartial(method = "fma", descriptor = "(FFF)F", value = {Double.NaN, Double.NaN, 1})
@ConstantPartial(method = "IEEEremainder", descriptor = "(DD)D", value = {1, Double.NaN})
public final class MathRules {

    private static final double LN10 = Math.log(10.0);

    private MathRules() {
    }

    @Partial("sin")
    public static double sin(double x, double r) {
        return Math.cos(x);
    }

    @Partial("cos")
    public static double cos(double x, double r) {
        return -Math.sin(x);
    }

    @Partial("tan")
    public static double tan(double x, double r) {
        return 1.0 + r * r;
    }

    @Partial("asin")
    public static double asin(double x, double r) {
        return 1.0 / Math.sqrt(1.0 - x * x);
    }

    @Partial("acos")
    public static double acos(double x, double r) {
        return -1.0 / Math.sqrt(1.0 - x * x);
    }

    @Partial("atan")
    public static double atan(double x, double r) {
        return 1.0 / (1.0 + x * x);
    }

    @Partial("atan2")
    public static double atan2Y(double y, double x, double r) {
        return x / (x * x + y * y);
    }

    @Partial(value = "atan2", wrt = 1)
    public static double atan2X(double y, double x, double r) {
        return -y / (x * x + y * y);
    }

    @Partial("sinh")
    public static double sinh(double x, double r) {
        return Math.cosh(x);
    }

    @Partial("cosh")
    public static double cosh(double x, double r) {
        return Math.sinh(x);
    }

    @Partial("tanh")
    public static double tanh(double x, double r) {
        return 1.0 - r * r;
    }

    @Partial("exp")
    public static double exp(double x, double r) {
        return r;
    }

    @Partial("expm1")
    public static double expm1(double x, double r) {
        return r + 1.0;
    }

    @Partial("log")
    public static double log(double x, double r) {
        return 1.0 / x;
    }

    @Partial("log10")
    public static double log10(double x, double r) {
        return 1.0 / (x * LN10);
    }

    @Partial("log1p")
    public static double log1p(double x, double r) {
        return 1.0 / (1.0 + x);
    }

    @Partial("sqrt")
    public static double sqrt(double x, double r) {
        return 0.5 / r;
    }

    @Partial("cbrt")
    public static double cbrt(double x, double r) {
        return 1.0 / (3.0 * r * r);
    }

    @Partial("hypot")
    public static double hypotX(double x, double y, double r) {
        return r == 0.0 ? 0.0 : x / r;
    }

    @Partial(value = "hypot", wrt = 1)
    public static double hypotY(double x, double y, double r) {
        return r == 0.0 ? 0.0 : y / r;
    }

    @Partial("pow")
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

    @Partial(value = "pow", wrt = 1)
    public static double powExponent(double a, double b, double r) {
        if (a == 0.0 && b > 0.0) {
            return 0.0;
        }
        return r * Math.log(a);
    }

    @Partial("abs")
    public static double abs(double x, double r) {
        return x > 0.0 ? 1.0 : x < 0.0 ? -1.0 : 0.0;
    }

    @Partial("abs")
    public static double abs(float x, float r) {
        return x > 0.0f ? 1.0 : x < 0.0f ? -1.0 : 0.0;
    }

    @Partial("max")
    public static double maxFirst(double a, double b, double r) {
        return a > b ? 1.0 : a < b ? 0.0 : a == b ? 0.5 : Double.isNaN(a) ? 1.0 : 0.0;
    }

    @Partial(value = "max", wrt = 1)
    public static double maxSecond(double a, double b, double r) {
        return b > a ? 1.0 : b < a ? 0.0 : a == b ? 0.5 : Double.isNaN(b) ? 1.0 : 0.0;
    }

    @Partial("max")
    public static double maxFirst(float a, float b, float r) {
        return maxFirst((double) a, (double) b, (double) r);
    }

    @Partial(value = "max", wrt = 1)
    public static double maxSecond(float a, float b, float r) {
        return maxSecond((double) a, (double) b, (double) r);
    }

    @Partial("min")
    public static double minFirst(double a, double b, double r) {
        return a < b ? 1.0 : a > b ? 0.0 : a == b ? 0.5 : Double.isNaN(a) ? 1.0 : 0.0;
    }

    @Partial(value = "min", wrt = 1)
    public static double minSecond(double a, double b, double r) {
        return b < a ? 1.0 : b > a ? 0.0 : a == b ? 0.5 : Double.isNaN(b) ? 1.0 : 0.0;
    }

    @Partial("min")
    public static double minFirst(float a, float b, float r) {
        return minFirst((double) a, (double) b, (double) r);
    }

    @Partial(value = "min", wrt = 1)
    public static double minSecond(float a, float b, float r) {
        return minSecond((double) a, (double) b, (double) r);
    }

    /** d copySign(m, s) / dm: the sign that {@code s} gives to {@code m}, relative to {@code m}'s own sign. */
    @Partial("copySign")
    public static double copySignMagnitude(double m, double s, double r) {
        return Math.copySign(1.0, m) * Math.copySign(1.0, s);
    }

    @Partial("copySign")
    public static double copySignMagnitude(float m, float s, float r) {
        return Math.copySign(1.0, m) * Math.copySign(1.0, s);
    }

    @Partial("fma")
    public static double fmaFirst(double a, double b, double c, double r) {
        return b;
    }

    @Partial(value = "fma", wrt = 1)
    public static double fmaSecond(double a, double b, double c, double r) {
        return a;
    }

    @Partial("fma")
    public static double fmaFirst(float a, float b, float c, float r) {
        return b;
    }

    @Partial(value = "fma", wrt = 1)
    public static double fmaSecond(float a, float b, float c, float r) {
        return a;
    }

    /** d IEEEremainder(x, y) / dy: the remainder is x - n y with n the integer nearest x / y. */
    @Partial(value = "IEEEremainder", wrt = 1)
    public static double ieeeRemainderDivisor(double x, double y, double r) {
        return -Math.rint((x - r) / y);
    }

    @Partial("scalb")
    public static double scalb(double d, int n, double r) {
        return Math.scalb(1.0, n);
    }

    @Partial("scalb")
    public static double scalb(float f, int n, float r) {
        return Math.scalb(1.0, n);
    }

    @Partial("clamp")
    public static double clampValue(double v, double min, double max, double r) {
        return v > min && v < max ? 1.0 : 0.0;
    }

    @Partial(value = "clamp", wrt = 1)
    public static double clampMin(double v, double min, double max, double r) {
        return v <= min ? 1.0 : 0.0;
    }

    @Partial(value = "clamp", wrt = 2)
    public static double clampMax(double v, double min, double max, double r) {
        return v >= max && v > min ? 1.0 : 0.0;
    }

    @Partial("clamp")
    public static double clampValue(float v, float min, float max, float r) {
        return clampValue((double) v, min, max, r);
    }

    @Partial(value = "clamp", wrt = 1)
    public static double clampMin(float v, float min, float max, float r) {
        return clampMin((double) v, min, max, r);
    }

    @Partial(value = "clamp", wrt = 2)
    public static double clampMax(float v, float min, float max, float r) {
        return clampMax((double) v, min, max, r);
    }

    @Partial("asinh")
    public static double asinh(double x, double r) {
        return 1.0 / Math.sqrt(x * x + 1.0);
    }

    @Partial("acosh")
    public static double acosh(double x, double r) {
        return 1.0 / Math.sqrt(x * x - 1.0);
    }

    @Partial("atanh")
    public static double atanh(double x, double r) {
        return 1.0 / (1.0 - x * x);
    }

    /** {@code FastMath.pow(double, int)}. */
    @Partial("pow")
    public static double powBase(double a, int b, double r) {
        return b == 0 ? 0.0 : b * Math.pow(a, b - 1.0);
    }

    /** {@code FastMath.pow(double, long)}. */
    @Partial("pow")
    public static double powBase(double a, long b, double r) {
        return b == 0 ? 0.0 : b * Math.pow(a, b - 1.0);
    }

    /** {@code FastMath.log(base, x)} = ln x / ln base. */
    @Partial("log")
    public static double logBase(double base, double x, double r) {
        return -r / (base * Math.log(base));
    }

    @Partial(value = "log", wrt = 1)
    public static double logArgument(double base, double x, double r) {
        return 1.0 / (x * Math.log(base));
    }

    /** d (a % b) / db, for Java's remainder (truncating division): the remainder is a - b trunc(a / b). */
    public static double remainderDivisor(double a, double b, double r) {
        double q = (a - r) / b;
        return -(q < 0 ? Math.ceil(q - 0.5) : Math.floor(q + 0.5));
    }
}
