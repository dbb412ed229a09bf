package dev.adjoint.subjects;

import dev.adjoint.subjects.inherited.Stepper;

/** Differentiated code that reads and writes protected members inherited from a class in another package. */
public final class Inherited extends Stepper {

    private static final Inherited SHARED = new Inherited();

    private Inherited() {
    }

    /** x^2 * gain + x^2 + 2 x^2, through protected fields and methods of the superclass. */
    public static double protectedMembers(double x) {
        Inherited s = SHARED;
        return s.step(x);
    }

    /** x^3, with a super call of a JDK method on the way. */
    public static double superCall(double x) {
        return SHARED.cube(x);
    }

    private double cube(double x) {
        String name = super.toString();
        return name.isEmpty() ? 0 : x * x * x;
    }

    private double step(double x) {
        state[0] = x;
        rate = x;
        steps++;
        gain = gain + steps - steps;
        return state[0] * rate * gain + scaled(x) + twice(x * x);
    }
}
