package dev.adjoint.subjects;

/** Static and instance double fields holding active values, read and written. */
public final class Fields {

    static double accumulator;
    static float scale = 1.5f;
    static double constantTable = 2.0;

    static double exponent = 3;

    private double state;
    private float small;

    private Fields() {
    }

    public static double staticFields(double x) {
        accumulator = x * x;
        accumulator += Math.sin(x);
        double r = accumulator * constantTable;
        accumulator = 0;
        return r + scale * x;
    }

    public static double staticOverwrite(double x) {
        accumulator = x * 3;
        accumulator = 5;
        return accumulator * x;
    }

    public static double instanceFields(double x) {
        Fields f = HOLDER;
        f.state = x;
        f.small = (float) (x * 2);
        f.step();
        f.step();
        double r = f.state + f.small;
        f.state = 0;
        return r;
    }

    public static double powerOfField(double x) {
        return Math.pow(x, exponent);
    }

    private void step() {
        state = state * state + small;
    }

    private static final Fields HOLDER = new Fields();
}
