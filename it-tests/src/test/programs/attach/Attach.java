import dev.adjoint.AD;

/** Calls AD twice in a JVM started without -javaagent, with ad.jar on the class path. */
public final class Attach {

    private Attach() {
    }

    static double cube(double x) {
        return x * x * x;
    }

    public static void main(String[] args) {
        System.out.println("cube=" + AD.gradient(Attach::cube, 2.0));
        System.out.println("sine=" + AD.gradient(x -> Math.sin(x), 0.5));
    }
}
