package dev.adjoint.subjects;

import java.util.logging.Logger;

/** Inactive side effects that must run unchanged: printing, string concatenation, locks, logging. */
public final class Effects {

    private static final Logger LOG = Logger.getLogger(Effects.class.getName());
    private static final Object LOCK = new Object();
    public static final StringBuilder TRACE = new StringBuilder();

    private Effects() {
    }

    public static double printing(double x) {
        double y = x * x;
        System.out.println("x=" + x + " y=" + y);
        TRACE.append("printing ").append(y).append('\n');
        LOG.fine("computed " + y);
        String s = String.valueOf(y) + Double.toString(x);
        return y * Math.sin(x) + s.length() * 0;
    }

    public static double lockedBlock(double x) {
        double r;
        synchronized (LOCK) {
            r = x * Math.exp(x);
        }
        return r + lockedMethod(x);
    }

    static synchronized double lockedMethod(double x) {
        return x * x * x;
    }

    public synchronized double lockedInstance(double x) {
        return Math.cos(x) * x;
    }

    public static double lockedInstanceCall(double x) {
        return new Effects().lockedInstance(x);
    }
}
