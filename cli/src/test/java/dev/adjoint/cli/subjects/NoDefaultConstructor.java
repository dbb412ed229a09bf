package dev.adjoint.cli.subjects;

/** An instance method whose class cannot be created without arguments. */
public final class NoDefaultConstructor {

    private final double a;

    public NoDefaultConstructor(double a) {
        this.a = a;
    }

    public double f(double x) {
        return a * x;
    }
}
