import dev.adjoint.AD;
import dev.adjoint.NotDifferentiableException;

/** A function that reinterprets the bits of a value carrying a derivative, which AD must refuse. */
public final class Prog {

    private Prog() {
    }

    static double abs(double x) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(x) & 0x7fffffffffffffffL); // reinterpreted
    }

    static double model(double x) {
        return Math.sin(x) * abs(x);
    }

    public static void main(String[] args) {
        System.out.println("direct=" + model(-0.5));
        try {
            System.out.println("gradient=" + AD.gradient(Prog::model, -0.5));
        } catch (NotDifferentiableException e) {
            System.out.println("className=" + e.className());
            System.out.println("methodName=" + e.methodName());
            System.out.println("line=" + e.line());
            System.out.println("construct=" + e.construct());
            System.out.println("message=" + e.getMessage().replace("\n", "\\n"));
        }
        System.out.println("after=" + AD.gradient(x -> x * x, 3.0));
    }
}
