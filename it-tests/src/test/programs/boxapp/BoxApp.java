import dev.adjoint.AD;
import dev.adjoint.NotDifferentiableException;
import dev.adjoint.ScalarFunction;

/** Differentiates through the library's Box, whichever version is on the class path. */
public final class BoxApp {

    private BoxApp() {
    }

    public static void main(String[] args) {
        System.out.println("value=" + square(1.5));
        try {
            System.out.println("gradient=" + AD.gradient((ScalarFunction) BoxApp::square, 1.5));
        } catch (NotDifferentiableException e) {
            System.out.println("refused=" + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    static double square(double x) {
        Box b = new Box(x);
        return b.v() * b.v();
    }
}
