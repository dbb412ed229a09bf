package dev.adjoint.bench;

/** A program that does not use Adjoint, for measuring the agent's start-up cost. */
public final class Hello {

    private Hello() {
    }

    public static void main(String[] args) {
        double s = 0;
        for (int i = 1; i <= 1000; i++) {
            s += Math.sqrt(i);
        }
        System.out.println("hello " + s);
    }
}
