import java.util.List;

import dev.adjoint.AD;
import dev.adjoint.ScalarFunction;

/**
 * Everyday Java in differentiated functions, one method a case. For each case named on the command line it prints
 * NAME=GRADIENT at x = 0.7, or NAME=threw CLASS: MESSAGE. The test holds each case's derivative.
 */
public final class Idioms {

    static final double X = 0.7;
    private static double scale;

    private double weight = 1.5;

    private Idioms() {
    }

    private static double hidden(double x) {
        return 3 * x * x;
    }

    /** Reaches its outer class's private members as a nestmate, without accessors. */
    static final class Inner {
        double call(double x) {
            return hidden(x) + new Idioms().weight * x;
        }
    }

    interface Polynomial {
        double eval(double x);

        default double twice(double x) {
            return 2 * eval(x);
        }
    }

    static final class Cubic implements Polynomial {
        @Override
        public double eval(double x) {
            return x * x * x;
        }
    }

    abstract static class Template {
        abstract double f(double x);

        double g(double x) {
            return f(x) + x;
        }
    }

    static final class Exponential extends Template {
        @Override
        double f(double x) {
            return Math.exp(x);
        }
    }

    enum Power {
        SQUARE {
            @Override
            double apply(double x) {
                return x * x;
            }
        },
        CUBE {
            @Override
            double apply(double x) {
                return x * x * x;
            }
        };

        abstract double apply(double x);
    }

    enum Kind { SQUARE, CUBE }

    static double sumOfSquares(double... xs) {
        double s = 0;
        for (double d : xs) {
            s += d * d;
        }
        return s;
    }

    static double scaled(Number factor, double x) {
        return factor.doubleValue() * x * x;
    }

    static double nestmatePrivateAccess(double x) {
        return new Inner().call(x);
    }

    static double interfaceDefaultMethod(double x) {
        return new Cubic().twice(x);
    }

    static double abstractTemplateMethod(double x) {
        return new Exponential().g(x);
    }

    static double enumConstantBodies(double x) {
        return Power.SQUARE.apply(x) + Power.CUBE.apply(x);
    }

    static double boxedConstantsFromAList(double x) {
        double s = 0;
        for (double w : List.of(1.0, 2.0)) {
            s += w * x * x;
        }
        return s;
    }

    static double intArrayClone(double x) {
        return x * x * new int[] {0, 1}.clone().length;
    }

    static double loopWithBreakAndContinue(double x) {
        double s = 0;
        for (int i = 0; i < 100; i++) {
            if (i == 7) {
                break;
            }
            if (i % 2 == 0) {
                continue;
            }
            s += Math.pow(x, i);
        }
        return s;
    }

    static double tryFinally(double x) {
        double y = 0;
        try {
            y = x * x;
        } finally {
            y += Math.sin(x);
        }
        return y;
    }

    static double synchronizedBlock(double x) {
        synchronized (Idioms.class) {
            return x * Math.exp(x);
        }
    }

    static double varargs(double x) {
        return sumOfSquares(x, 2 * x, 3);
    }

    static double staticFieldWriteThenRead(double x) {
        scale = 2 * x;
        return scale * scale;
    }

    static double twoDimensionalArray(double x) {
        double[][] m = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[i][j] = x * (i + 1) + j;
            }
        }
        double s = 0;
        for (double[] row : m) {
            for (double v : row) {
                s += v * v;
            }
        }
        return s;
    }

    static double loopOverEnumValues(double x) {
        double s = 0;
        for (Kind k : Kind.values()) {
            s += k == Kind.SQUARE ? x * x : x * x * x;
        }
        return s;
    }

    static double boxedConstantReadThroughNumber(double x) {
        return scaled(2.5, x);
    }

    static ScalarFunction named(String name) {
        switch (name) {
            case "nestmate_private_access": return Idioms::nestmatePrivateAccess;
            case "interface_default_method": return Idioms::interfaceDefaultMethod;
            case "abstract_template_method": return Idioms::abstractTemplateMethod;
            case "enum_constant_bodies": return Idioms::enumConstantBodies;
            case "boxed_constants_from_a_list": return Idioms::boxedConstantsFromAList;
            case "int_array_clone": return Idioms::intArrayClone;
            case "loop_with_break_and_continue": return Idioms::loopWithBreakAndContinue;
            case "try_finally": return Idioms::tryFinally;
            case "synchronized_block": return Idioms::synchronizedBlock;
            case "varargs": return Idioms::varargs;
            case "static_field_write_then_read": return Idioms::staticFieldWriteThenRead;
            case "two_dimensional_array": return Idioms::twoDimensionalArray;
            case "loop_over_enum_values": return Idioms::loopOverEnumValues;
            case "boxed_constant_read_through_Number": return Idioms::boxedConstantReadThroughNumber;
            default: throw new IllegalArgumentException("no case " + name);
        }
    }

    public static void main(String[] args) {
        for (String name : args) {
            ScalarFunction f = named(name);
            String result;
            try {
                result = Double.toString(AD.gradient(f, X));
            } catch (RuntimeException e) {
                result = "threw " + e;
            }
            System.out.println(name + "=" + result);
        }
    }
}
