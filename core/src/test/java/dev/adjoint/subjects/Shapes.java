package dev.adjoint.subjects;

/** Objects created inside differentiated code: value classes, records, inheritance, computed fields. */
public final class Shapes {

    private Shapes() {
    }

    /** An immutable value class whose constructor only stores its parameters. */
    public static final class Vec {
        final double x;
        final double y;

        public Vec(double x, double y) {
            this.x = x;
            this.y = y;
        }

        Vec plus(Vec o) {
            return new Vec(x + o.x, y + o.y);
        }

        Vec times(double s) {
            return new Vec(x * s, y * s);
        }

        double dot(Vec o) {
            return x * o.x + y * o.y;
        }
    }

    public record Point(double x, double y) {
        Point scaled(double s) {
            return new Point(x * s, y * s);
        }

        double norm() {
            return Math.hypot(x, y);
        }
    }

    /** A record whose compact constructor only validates. */
    public record Positive(double value) {
        public Positive {
            if (value < 0) {
                throw new IllegalArgumentException("negative: " + value);
            }
        }
    }

    /** Fields computed in the constructor. */
    public static class Polar {
        protected final double x;
        protected final double y;
        private double cache;

        public Polar(double r, double theta) {
            this.x = r * Math.cos(theta);
            this.y = r * Math.sin(theta);
            this.cache = x * y;
        }

        double area() {
            return cache + x;
        }
    }

    /** A subclass whose constructor computes its super constructor's arguments. */
    public static final class Scaled extends Polar {
        final double k;
        private final double[] history;

        public Scaled(double r, double theta, double k) {
            super(r * k, theta + 0.1);
            this.k = k;
            this.history = new double[] {r, theta, k * k};
        }

        double value() {
            return area() * k + history[2] + history[0] * history[1];
        }
    }

    /** A constructor that delegates to another with this(...). */
    public static final class Interval {
        final double lo;
        final double hi;

        public Interval(double mid) {
            this(mid - 1, mid * mid);
        }

        public Interval(double lo, double hi) {
            this.lo = Math.min(lo, hi);
            this.hi = Math.max(lo, hi);
        }

        double width() {
            return hi - lo;
        }
    }

    public static double vectors(double t) {
        Vec a = new Vec(t, 2 * t);
        Vec b = new Vec(Math.sin(t), 1.5);
        Vec c = a.plus(b).times(t);
        return c.dot(a) + new Vec(3, 4).dot(c);
    }

    public static double records(double t) {
        Point p = new Point(t, t * t).scaled(3);
        return p.norm() + new Positive(t * t).value();
    }

    public static double computedFields(double t) {
        return new Polar(t, 2 * t).area() + new Scaled(t, 0.5, t * 3).value();
    }

    public static double delegatingConstructors(double t) {
        return new Interval(t).width() * new Interval(t, 2).width();
    }
}
