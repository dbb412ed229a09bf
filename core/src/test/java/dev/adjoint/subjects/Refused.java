package dev.adjoint.subjects;

import java.lang.reflect.Method;

/** Code whose derivative the engine cannot follow: each must raise NotDifferentiableException. */
public final class Refused {

    private Refused() {
    }

    /** abs by clearing the sign bit. */
    public static double bitTrick(double x) {
        long bits = Double.doubleToRawLongBits(x) & 0x7fffffffffffffffL;
        return Double.longBitsToDouble(bits) * 2;
    }

    /** The exponent extracted from the bits, back into arithmetic. */
    public static double exponentOf(double x) {
        long bits = Double.doubleToLongBits(x * x);
        int exponent = (int) ((bits >>> 52) & 0x7ff) - 1023;
        return exponent + x;
    }

    /** Bits used only for comparison: allowed. */
    public static double bitsOnlyCompared(double x) {
        long bits = Double.doubleToLongBits(x);
        return bits == 0 ? 0 : x * x;
    }

    public static double reflection(double x) {
        try {
            Method m = Refused.class.getDeclaredMethod("square", double.class);
            return (Double) m.invoke(null, x);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static double square(double v) {
        return v * v;
    }

    static final double[] SHARED = new double[1];
    static final Runnable SQUARER = () -> SHARED[0] = SHARED[0] * SHARED[0];

    public static double anotherThread(double x) {
        SHARED[0] = x;
        Thread t = new Thread(SQUARER);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return SHARED[0];
    }

    public static double executor(double x) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            SHARED[0] = x;
            pool.submit(SQUARER).get();
            return SHARED[0];
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
    }

    public static double nativeMethod(double x) {
        return nativeSquare(x) + x;
    }

    /** Never linked: the engine must refuse it before the JVM would look for the library. */
    static native double nativeSquare(double x);

    public static double viaGeometry(double[] x) {
        return java.awt.geom.Point2D.distance(x[0], x[1], x[2], 0);
    }
}
