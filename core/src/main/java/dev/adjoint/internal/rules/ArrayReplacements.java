package dev.adjoint.internal.rules;

import java.util.Arrays;

import dev.adjoint.DerivativeRules;
import dev.adjoint.Substitute;

/**
 * Differentiable reimplementations of the JDK's array operations. A call to one of these JDK methods in
 * differentiated code is differentiated as a call to its replacement here, so the derivative comes from the
 * engine's ordinary treatment of loads and stores; the result is bit-identical to the JDK method's, and invalid
 * arguments are handed to the JDK method itself so that it throws its own exception.
 *
 * <p>Code in this class is written for the engine: plain loops over floating-point arrays; operations on other
 * arrays only move references or integers and go to the JDK.
 */
@DerivativeRules({System.class, Arrays.class, double[].class, float[].class})
public final class ArrayReplacements {

    private ArrayReplacements() {
    }

    /** {@link Arrays#setAll(double[], java.util.function.IntToDoubleFunction)}: the generator's calls are linked. */
    @Substitute("setAll")
    public static void setAll(double[] array, java.util.function.IntToDoubleFunction generator) {
        java.util.Objects.requireNonNull(generator);
        for (int i = 0; i < array.length; i++) {
            array[i] = generator.applyAsDouble(i);
        }
    }

    /** {@link Arrays#setAll(Object[], java.util.function.IntFunction)}: the generator's calls are linked. */
    @Substitute("setAll")
    public static <T> void setAll(T[] array, java.util.function.IntFunction<? extends T> generator) {
        java.util.Objects.requireNonNull(generator);
        for (int i = 0; i < array.length; i++) {
            array[i] = generator.apply(i);
        }
    }

    /** {@link System#arraycopy}: element by element for floating-point arrays, with its overlap semantics. */
    @Substitute("arraycopy")
    public static void arraycopy(Object src, int srcPos, Object dest, int destPos, int length) {
        if (src instanceof double[] && dest instanceof double[]) {
            double[] s = (double[]) src;
            double[] d = (double[]) dest;
            if (srcPos < 0 || destPos < 0 || length < 0 || srcPos > s.length - length
                    || destPos > d.length - length) {
                System.arraycopy(src, srcPos, dest, destPos, length); // throws the JDK's exception
                return;
            }
            if (s == d && srcPos < destPos) {
                for (int i = length - 1; i >= 0; i--) {
                    d[destPos + i] = s[srcPos + i];
                }
            } else {
                for (int i = 0; i < length; i++) {
                    d[destPos + i] = s[srcPos + i];
                }
            }
        } else if (src instanceof float[] && dest instanceof float[]) {
            float[] s = (float[]) src;
            float[] d = (float[]) dest;
            if (srcPos < 0 || destPos < 0 || length < 0 || srcPos > s.length - length
                    || destPos > d.length - length) {
                System.arraycopy(src, srcPos, dest, destPos, length);
                return;
            }
            if (s == d && srcPos < destPos) {
                for (int i = length - 1; i >= 0; i--) {
                    d[destPos + i] = s[srcPos + i];
                }
            } else {
                for (int i = 0; i < length; i++) {
                    d[destPos + i] = s[srcPos + i];
                }
            }
        } else {
            System.arraycopy(src, srcPos, dest, destPos, length); // references and integers carry no derivative
        }
    }

    /** {@code double[].clone()}. */
    @Substitute("clone")
    public static Object cloneDoubles(double[] a) {
        return copyOf(a, a.length);
    }

    /** {@code float[].clone()}. */
    @Substitute("clone")
    public static Object cloneFloats(float[] a) {
        return copyOf(a, a.length);
    }

    @Substitute("copyOf")
    public static double[] copyOf(double[] a, int length) {
        if (a == null || length < 0) {
            return Arrays.copyOf(a, length);
        }
        double[] r = new double[length];
        int n = Math.min(a.length, length);
        for (int i = 0; i < n; i++) {
            r[i] = a[i];
        }
        return r;
    }

    @Substitute("copyOf")
    public static float[] copyOf(float[] a, int length) {
        if (a == null || length < 0) {
            return Arrays.copyOf(a, length);
        }
        float[] r = new float[length];
        int n = Math.min(a.length, length);
        for (int i = 0; i < n; i++) {
            r[i] = a[i];
        }
        return r;
    }

    @Substitute("copyOfRange")
    public static double[] copyOfRange(double[] a, int from, int to) {
        if (a == null || from < 0 || from > a.length || from > to) {
            return Arrays.copyOfRange(a, from, to);
        }
        double[] r = new double[to - from];
        int n = Math.min(a.length, to) - from;
        for (int i = 0; i < n; i++) {
            r[i] = a[from + i];
        }
        return r;
    }

    @Substitute("copyOfRange")
    public static float[] copyOfRange(float[] a, int from, int to) {
        if (a == null || from < 0 || from > a.length || from > to) {
            return Arrays.copyOfRange(a, from, to);
        }
        float[] r = new float[to - from];
        int n = Math.min(a.length, to) - from;
        for (int i = 0; i < n; i++) {
            r[i] = a[from + i];
        }
        return r;
    }

    @Substitute("fill")
    public static void fill(double[] a, double value) {
        for (int i = 0; i < a.length; i++) {
            a[i] = value;
        }
    }

    @Substitute("fill")
    public static void fill(double[] a, int from, int to, double value) {
        if (from < 0 || from > to || to > a.length) {
            Arrays.fill(a, from, to, value);
            return;
        }
        for (int i = from; i < to; i++) {
            a[i] = value;
        }
    }

    @Substitute("fill")
    public static void fill(float[] a, float value) {
        for (int i = 0; i < a.length; i++) {
            a[i] = value;
        }
    }

    @Substitute("fill")
    public static void fill(float[] a, int from, int to, float value) {
        if (from < 0 || from > to || to > a.length) {
            Arrays.fill(a, from, to, value);
            return;
        }
        for (int i = from; i < to; i++) {
            a[i] = value;
        }
    }

    @Substitute("sort")
    public static void sort(double[] a) {
        sort(a, 0, a.length);
    }

    /**
     * {@link Arrays#sort(double[], int, int)}: the order is Java's total order on doubles ({@code -0.0 < 0.0},
     * NaN last); elements move as a permutation, found on integer keys, so their derivatives move with them.
     */
    @Substitute("sort")
    public static void sort(double[] a, int from, int to) {
        if (from < 0 || from > to || to > a.length) {
            Arrays.sort(a, from, to);
            return;
        }
        int n = to - from;
        long[] keys = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            double v = a[from + i];
            values[i] = v;
            long bits = Double.doubleToLongBits(v);
            keys[i] = bits ^ ((bits >> 63) & 0x7fffffffffffffffL);
        }
        int[] order = Permutations.sorting(keys);
        for (int i = 0; i < n; i++) {
            a[from + i] = values[order[i]];
        }
    }

    /** {@link Arrays#parallelSort(double[])}: the order is unique, so sorting on this thread gives the same array. */
    @Substitute("parallelSort")
    public static void parallelSort(double[] a) {
        sort(a, 0, a.length);
    }

    @Substitute("parallelSort")
    public static void parallelSort(double[] a, int from, int to) {
        sort(a, from, to);
    }

    @Substitute("sort")
    public static void sort(float[] a) {
        sort(a, 0, a.length);
    }

    @Substitute("sort")
    public static void sort(float[] a, int from, int to) {
        if (from < 0 || from > to || to > a.length) {
            Arrays.sort(a, from, to);
            return;
        }
        int n = to - from;
        long[] keys = new long[n];
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            float v = a[from + i];
            values[i] = v;
            int bits = Float.floatToIntBits(v);
            keys[i] = bits ^ ((bits >> 31) & 0x7fffffff);
        }
        int[] order = Permutations.sorting(keys);
        for (int i = 0; i < n; i++) {
            a[from + i] = values[order[i]];
        }
    }
}
