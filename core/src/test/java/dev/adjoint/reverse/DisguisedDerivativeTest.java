package dev.adjoint.reverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;
import dev.adjoint.NotDifferentiableException;
import dev.adjoint.ScalarFunction;

/**
 * A number turned into text or bits and back into a number loses its derivative where the engine cannot see it:
 * each such path is refused, in reverse and forward mode, whether the round trip happens in one method or the text
 * or bits leave it. Text and bits that are only printed, compared or hashed are fine.
 */
class DisguisedDerivativeTest {

    private static void refused(ScalarFunction f, String construct) {
        NotDifferentiableException e = assertThrows(NotDifferentiableException.class, () -> AD.gradient(f, 3.0));
        assertTrue(e.construct().contains(construct), e.getMessage());
        NotDifferentiableException g = assertThrows(NotDifferentiableException.class, () -> AD.derivative(f, 3.0));
        assertTrue(g.construct().contains(construct), g.getMessage());
    }

    @Test
    void text_parsed_back_in_the_same_method_is_refused() {
        refused(x -> Double.parseDouble(Double.toString(x * x)), "parsed back");
        refused(x -> Double.valueOf(String.valueOf(x * x)), "parsed back");
        refused(x -> Double.parseDouble("" + x * x), "parsed back");
        refused(x -> Float.parseFloat(Float.toString((float) x)), "parsed back");
        refused(x -> new BigDecimal(Double.toString(x)).doubleValue(), "parsed back");
        refused(x -> Double.parseDouble(String.format(Locale.ROOT, "%.6f", x)), "parsed back");
        refused(x -> {
            StringBuilder sb = new StringBuilder("v");
            sb.append(x * 2);
            return Double.parseDouble(sb.substring(1).trim());
        }, "parsed back");
        refused(x -> {
            String s = Double.toString(x);
            double v = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c >= '0' && c <= '9') {
                    v = v * 10 + (c - '0');
                }
            }
            return v;
        }, "bit reinterpretation");
    }

    static String format(double v) {
        return Double.toString(v);
    }

    static double parse(String s) {
        return Double.parseDouble(s);
    }

    static long bitsOf(double v) {
        return Double.doubleToRawLongBits(v);
    }

    static double fromBits(long bits) {
        return Double.longBitsToDouble(bits);
    }

    static long clearSign(long bits) {
        return bits & Long.MAX_VALUE;
    }

    @Test
    void text_that_leaves_the_method_is_refused_where_it_leaves() {
        refused(x -> parse(Double.toString(x * x)), "passed to");
        refused(x -> parse(format(x)), "returned from the method");
        refused(x -> {
            List<String> l = new ArrayList<>();
            l.add("" + x);
            return Double.parseDouble(l.get(0));
        }, "passed to java.util");
    }

    @Test
    void bits_that_leave_the_method_are_refused_where_they_leave() {
        refused(x -> fromBits(Double.doubleToRawLongBits(x) & Long.MAX_VALUE), "passed to");
        refused(x -> fromBits(bitsOf(x)), "returned from the method");
        // through integer code of another method and back: refused where the result becomes a number
        refused(x -> Double.longBitsToDouble(clearSign(Double.doubleToRawLongBits(x))), "bit reinterpretation");
        refused(x -> {
            long[] held = {Double.doubleToLongBits(x * x)};
            return Double.longBitsToDouble(held[0]);
        }, "stored in the heap");
    }

    @Test
    void text_and_bits_that_are_only_printed_compared_or_hashed_are_fine() {
        ScalarFunction f = x -> {
            String s = "x=" + x;
            StringBuilder sb = new StringBuilder().append(x).append(';');
            if (s.length() > 100 || sb.length() > 100 || Double.hashCode(x) == 42) {
                System.out.println(s + sb);
            }
            long bits = Double.doubleToLongBits(x);
            return bits == 0 ? 0 : x * x;
        };
        assertEquals(6, AD.gradient(f, 3.0), 1e-15);
        assertEquals(6, AD.derivative(f, 3.0), 1e-15);
        assertEquals(1, AD.gradient(x -> {
            if (x > 100) {
                throw new IllegalArgumentException("bad " + x); // never
            }
            return x;
        }, 3.0) * 0 + 1, 0);
    }

    /** The high half of {@code a}: its bits with the low 27 of the mantissa cleared, as Dekker's split takes it. */
    private static double high(double a) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(a) & ((-1L) << 27));
    }

    /** a * b + c * d with the error of the products compensated, as MathArrays.linearCombination computes it. */
    private static double exactProducts(double a, double b, double c, double d) {
        double aHigh = high(a);
        double aLow = a - aHigh;
        double bHigh = high(b);
        double bLow = b - bHigh;
        double ab = a * b;
        double abError = aLow * bLow - (((ab - aHigh * bHigh) - aLow * bHigh) - aHigh * bLow);
        double cHigh = high(c);
        double cLow = c - cHigh;
        double dHigh = high(d);
        double dLow = d - dHigh;
        double cd = c * d;
        double cdError = cLow * dLow - (((cd - cHigh * dHigh) - cLow * dHigh) - cHigh * dLow);
        return ab + cd + (abError + cdError);
    }

    @Test
    void bits_truncated_to_fewer_digits_are_a_step_function_and_split_products_keep_their_derivatives() {
        assertEquals(0, AD.gradient(DisguisedDerivativeTest::high, 3.3), 0);
        assertEquals(0, AD.derivative(DisguisedDerivativeTest::high, 3.3), 0);
        double[] g = AD.gradient(v -> exactProducts(v[0], v[1], v[2], v[3]), new double[] {0.1, 3.7, -2.9, 1e-3});
        assertArrayEquals(new double[] {3.7, 0.1, 1e-3, -2.9}, g, 1e-15);
        assertEquals(3.7 - 2 * 2.9 * 0.1, AD.derivative(x -> exactProducts(x, 3.7, -2.9, x * x), 0.1), 1e-15);
        // a mask that keeps every bit, or clears the exponent, is no truncation
        refused(x -> Double.longBitsToDouble(Double.doubleToRawLongBits(x) & -1L), "bit reinterpretation");
        refused(x -> Double.longBitsToDouble(Double.doubleToRawLongBits(x) & 0x800FFFFFFFFFFFFFL),
                "bit reinterpretation");
    }
}
