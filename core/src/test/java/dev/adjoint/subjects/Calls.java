package dev.adjoint.subjects;

/** Calls of every kind: static, private, instance, super, virtual, interface, recursion. */
public final class Calls {

    private Calls() {
    }

    public interface Shape {
        double area(double scale);

        default double doubled(double scale) {
            return 2 * area(scale) + helper(scale);
        }

        static double helper(double s) {
            return s * s * s;
        }
    }

    public static class Square implements Shape {
        protected final double side;

        public Square(double side) {
            this.side = side;
        }

        @Override
        public double area(double scale) {
            return side * side * scale * scale;
        }
    }

    public static class Circle implements Shape {
        @Override
        public double area(double scale) {
            return Math.PI * scale * scale;
        }
    }

    public static final class Tilted extends Square {
        public Tilted(double side) {
            super(side);
        }

        @Override
        public double area(double scale) {
            return super.area(scale) * Math.cos(scale) + tilt(scale);
        }

        private double tilt(double s) {
            return side * Math.sin(s);
        }
    }

    public static class Triangle implements Shape {
        @Override
        public double area(double scale) {
            return 0.5 * scale * scale;
        }

        @Override
        public double doubled(double scale) {
            return scale * area(scale);
        }
    }

    public static class Hexagon extends Triangle {
        @Override
        public double area(double scale) {
            return 6 * super.area(scale);
        }
    }

    public static class Dot implements Shape {
        @Override
        public double area(double scale) {
            return scale;
        }
    }

    static final Shape[] SHAPES = {new Square(2), new Circle(), new Tilted(3), new Triangle(), new Hexagon(),
        new Dot()};

    public static double staticCalls(double x) {
        return square(x) + cube(square(x)) * half(x);
    }

    static double square(double v) {
        return v * v;
    }

    static double cube(double v) {
        return v * square(v);
    }

    private static double half(double v) {
        return v / 2;
    }

    public static double twoArguments(double x) {
        return weighted(x, 3 * x, 2) + weighted(1.5, x, 7);
    }

    static double weighted(double a, double b, int w) {
        return w * a * b + a;
    }

    public static double floatArguments(double x) {
        return mixed((float) x, x, 3);
    }

    static double mixed(float f, double d, long k) {
        return f * d + k * f * f;
    }

    public static double virtualDispatch(double x) {
        double s = 0;
        for (Shape shape : SHAPES) {
            s += shape.area(x);
        }
        return s;
    }

    /**
     * One virtual call site run 450 times: 150 times on one class, then on all six in turn, so that it is guarded
     * for some classes after its first calls and turns into a table past four.
     */
    public static double manyDispatches(double x) {
        double s = 0;
        for (int r = 0; r < 450; r++) {
            s += SHAPES[r < 150 ? 0 : r % SHAPES.length].area(x);
        }
        return s;
    }

    public static double defaultMethods(double x) {
        double s = 0;
        for (Shape shape : SHAPES) {
            s += shape.doubled(x);
        }
        return s;
    }

    public static double interfaceStatic(double x) {
        return Shape.helper(x) + x;
    }

    public static double recursion(double x) {
        return power(x, 5) + deep(x, 2000);
    }

    static double power(double x, int n) {
        return n == 0 ? 1 : x * power(x, n - 1);
    }

    static double deep(double x, int n) {
        if (n == 0) {
            return x;
        }
        return Math.sin(deep(x, n - 1)) * 0.5 + 0.5 * x;
    }

    public static double mutualRecursion(double x) {
        return even(x, 10);
    }

    static double even(double x, int n) {
        return n == 0 ? x : odd(x * 1.1, n - 1) + x;
    }

    static double odd(double x, int n) {
        return n == 0 ? x : even(x * x * 0.5, n - 1);
    }

    public static double voidCallAndIntCall(double x) {
        int k = count(x);
        log(x);
        return x * k;
    }

    static int count(double x) {
        return (int) Math.floor(x * 2);
    }

    static void log(double x) {
        if (x > 1e300) {
            System.out.println("big " + x);
        }
    }

    public static double instanceOnThis(double x) {
        return new Square(2.0).doubled(x) + new Tilted(1.0).area(x);
    }

    public static double acrossClasses(double x) {
        return OtherClass.twice(x) * Arithmetic.polynomial(x);
    }

    public static final class OtherClass {
        private OtherClass() {
        }

        static double twice(double v) {
            return 2 * v + Math.tanh(v);
        }
    }
}
