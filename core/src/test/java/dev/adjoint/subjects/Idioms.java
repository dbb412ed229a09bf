package dev.adjoint.subjects;

import java.util.List;

/** Everyday Java that must simply work. */
public final class Idioms {

    private Idioms() {
    }

    enum Kind { SQUARE, CUBE }

    public static double enumValues(double x) {
        double s = 0;
        for (Kind k : Kind.values()) {
            s += k == Kind.SQUARE ? x * x : x * x * x;
        }
        return s;
    }

    static double scaled(Number factor, double x) {
        return factor.doubleValue() * x * x;
    }

    public static double numberOfAConstant(double x) {
        return scaled(2.5, x) + scaled(3, x);
    }

    public static double numberCarryingTheDerivative(double x) {
        Number boxed = x * 2;
        return scaled(boxed, x);
    }

    record Pair(double a, double b) {
    }

    public static double recordMethods(double x) {
        Pair p = new Pair(x, 2 * x);
        Pair q = new Pair(x, 2 * x);
        double s = p.equals(q) ? p.a() * p.b() : 0;
        return s + p.toString().length() * 0 + p.hashCode() * 0;
    }

    public static double objectArrayClone(double x) {
        double[][] rows = {{x, 1}, {2, x * x}};
        double[][] copy = rows.clone();
        List<double[]> list = List.of(copy);
        return list.get(1)[1] + copy[0][0];
    }

    /**
     * javac gives {@code k} (an int) and later {@code squares} (an array) the same local slot, because their scopes
     * do not overlap; {@code t} (a double) then reuses the slot of {@code j}.
     */
    public static double slotsReusedAcrossScopes(double x) {
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            sum += k * x;
        }
        double[] squares = new double[4];
        for (int j = 0; j < squares.length; j++) {
            squares[j] = x * x * j;
        }
        for (int i = 0; i < squares.length; i++) {
            double t = squares[i] * x;
            sum += t;
        }
        return sum;
    }
}
