import dev.adjoint.AD;

/** r(x, n) = sin(r(x, n - 1)) + x / 2000 with r(x, 0) = x, differentiated with n frames of recursion. */
public final class Recursion {

    private Recursion() {
    }

    static double r(double x, int n) {
        return n == 0 ? x : Math.sin(r(x, n - 1)) + x / 2000;
    }

    public static void main(String[] args) {
        int depth = Integer.parseInt(args[0]);
        double x = Double.parseDouble(args[1]);
        System.out.println("value=" + r(x, depth));
        System.out.println("gradient=" + AD.gradient(y -> r(y, depth), x));
    }
}
