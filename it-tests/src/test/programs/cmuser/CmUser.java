import org.apache.commons.math3.analysis.interpolation.SplineInterpolator;
import org.apache.commons.math3.analysis.polynomials.PolynomialFunction;
import org.apache.commons.math3.analysis.polynomials.PolynomialSplineFunction;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.ScalarFunction;

/**
 * A user's program on unmodified Commons Math: gradients through PolynomialFunction and a cubic spline, with the
 * library's own derivatives printed beside them as oracles. Prints "key=value" lines.
 */
public final class CmUser {

    private CmUser() {
    }

    /** The user's model: a polynomial plus a spline through data points, a class that implements a function. */
    static final class Model implements ScalarFunction {
        private final PolynomialFunction trend = new PolynomialFunction(new double[] {0.5, -1.0, 0.25, 0.125});
        private final double[] xs = {0, 1, 2, 3, 4};
        private final double[] ys = {1.0, 0.2, -0.4, 0.8, 1.6};

        @Override
        public double apply(double x) {
            PolynomialSplineFunction s = new SplineInterpolator().interpolate(xs, ys);
            return trend.value(x) + s.value(x);
        }

        double oracle(double x) {
            PolynomialSplineFunction s = new SplineInterpolator().interpolate(xs, ys);
            return trend.polynomialDerivative().value(x) + s.polynomialSplineDerivative().value(x);
        }
    }

    /** The spline's value at 1.7 as a function of the data's y values. */
    static double splineOfData(double[] ys) {
        return new SplineInterpolator().interpolate(new double[] {0, 1, 2, 3, 4}, ys).value(1.7);
    }

    public static void main(String[] args) {
        Model m = new Model();
        for (double x : new double[] {0.3, 1.7, 3.2}) {
            System.out.println("model=" + AD.gradient(m, x));
            System.out.println("model.oracle=" + m.oracle(x));
        }
        double[] c = {1, -2, 0.5, 3};
        double[] g = AD.gradient((MultivariateFunction) k -> new PolynomialFunction(k).value(0.3), c);
        System.out.println("coefficients=" + g[0] + "," + g[1] + "," + g[2] + "," + g[3]);
        double[] ys = {1.0, 0.2, -0.4, 0.8, 1.6};
        double[] dy = AD.gradient((MultivariateFunction) CmUser::splineOfData, ys);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dy.length; i++) {
            sb.append(i == 0 ? "" : ",").append(dy[i]);
        }
        System.out.println("spline.data=" + sb);
        System.out.println("derivative=" + AD.derivative((ScalarFunction) x -> new PolynomialFunction(c).value(x), 0.3));
    }
}
