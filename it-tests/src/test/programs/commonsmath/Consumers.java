import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.geometry.euclidean.threed.Vector3D;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.VectorFunction;

/**
 * Commons Math 3.6.1 differentiated (SummaryStatistics, IterativeLegendreGaussIntegrator, Vector3D) and as a
 * consumer of Adjoint's derivatives: its optimizers minimise and fit with gradients from {@code AD.gradient} and
 * Jacobians from {@code AD.jacobian}. For each case named on the command line it prints NAME=NUMBERS (a gradient, or
 * the optimum found) or NAME=threw CLASS: MESSAGE; the test holds the oracles. Run with one case, the case is the
 * first gradient of the JVM.
 */
public final class Consumers {

    static final double[] SAMPLE = {1.5, -0.7, 2.2, 3.1, 0.4};
    /** Times and values of y = 2.5 exp(-1.3 t), exactly as the fit's model computes them. */
    static final double[] TIMES = {0, 0.5, 1, 1.5, 2, 3};

    private static final Map<String, Supplier<double[]>> CASES = new LinkedHashMap<>();

    private Consumers() {
    }

    static void gradient(String name, MultivariateFunction f, double... x) {
        CASES.put(name, () -> AD.gradient(f, x));
    }

    static {
        gradient("summaryStatistics.variance", x -> summary(x).getVariance(), SAMPLE);
        gradient("summaryStatistics.geometricMean", x -> summary(x).getGeometricMean(), 1.5, 0.7, 2.2, 3.1, 0.4);
        gradient("legendreGauss", x -> new IterativeLegendreGaussIntegrator(5, 1e-10, 1e-12)
                .integrate(1000, t -> Math.sin(x[0] * t), 0, 1), 1.3);
        gradient("vector3d.distance", x -> new Vector3D(x[0], x[1], x[2]).distance(new Vector3D(1, -1, 0.5)),
                1, 2, 3);
        gradient("vector3d.normalize", x -> new Vector3D(x[0], x[1], x[2]).normalize().getY(), 1, 2, 3);
        gradient("vector3d.dotProduct", x -> new Vector3D(x[0], x[1], x[2]).dotProduct(new Vector3D(-1, 0.5, 2)),
                1, 2, 3);
        gradient("vector3d.crossProduct", x -> new Vector3D(x[0], x[1], x[2])
                .crossProduct(new Vector3D(-1, 0.5, 2)).getNorm(), 1, 2, 3);
        gradient("optimizer.bobyqa", Consumers::bobyqaOptimum, 1.2, -0.7);
        CASES.put("optimizer.conjugateGradient", Consumers::minimiseRosenbrock);
        CASES.put("optimizer.levenbergMarquardt", Consumers::fitExponential);
    }

    static SummaryStatistics summary(double[] x) {
        SummaryStatistics s = new SummaryStatistics();
        for (double v : x) {
            s.addValue(v);
        }
        return s;
    }

    static double rosenbrock(double[] p) {
        double a = 1 - p[0];
        double b = p[1] - p[0] * p[0];
        return a * a + 100 * b * b;
    }

    /**
     * BOBYQA (derivative-free, inside bounds) minimising (x - a)^2 + 2 (y - b)^2 + a b from the origin: x + 3 y at the
     * optimum it finds, whose derivative in (a, b) is (1, 3). Its trust-region steps shrink to zero under square
     * roots, where a partial is infinite and the adjoint that meets it zero.
     */
    static double bobyqaOptimum(double[] t) {
        double a = t[0];
        double b = t[1];
        double[] optimum = new BOBYQAOptimizer(5, 1.0, 1e-9).optimize(new MaxEval(2000),
                new ObjectiveFunction(p -> (p[0] - a) * (p[0] - a) + 2 * (p[1] - b) * (p[1] - b) + a * b),
                GoalType.MINIMIZE, new InitialGuess(new double[] {0, 0}),
                new SimpleBounds(new double[] {-5, -5}, new double[] {5, 5})).getPoint();
        return optimum[0] + 3 * optimum[1];
    }

    /** Polak-Ribiere conjugate gradients from (-1.2, 1), the gradient from AD: the minimum found. */
    static double[] minimiseRosenbrock() {
        NonLinearConjugateGradientOptimizer cg = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-14, 1e-14));
        return cg.optimize(new MaxEval(100000), new ObjectiveFunction(Consumers::rosenbrock),
                new ObjectiveFunctionGradient(p -> AD.gradient(Consumers::rosenbrock, p)), GoalType.MINIMIZE,
                new InitialGuess(new double[] {-1.2, 1})).getPoint();
    }

    static double[] model(double[] p) {
        double[] y = new double[TIMES.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = p[0] * Math.exp(p[1] * TIMES[i]);
        }
        return y;
    }

    /** Levenberg-Marquardt fit of a exp(b t) to data made with a = 2.5, b = -1.3, the Jacobian from AD. */
    static double[] fitExponential() {
        VectorFunction f = Consumers::model;
        return new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                .model(Consumers::model, p -> AD.jacobian(f, p))
                .target(model(new double[] {2.5, -1.3}))
                .start(new double[] {1, -0.5})
                .maxEvaluations(1000).maxIterations(1000)
                .build()).getPoint().toArray();
    }

    public static void main(String[] args) {
        for (String name : args) {
            Supplier<double[]> c = CASES.get(name);
            if (c == null) {
                System.out.println(name + "=no such case");
                continue;
            }
            try {
                double[] g = c.get();
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < g.length; i++) {
                    sb.append(i == 0 ? "" : ",").append(g[i]);
                }
                System.out.println(name + "=" + sb);
            } catch (RuntimeException | LinkageError e) {
                System.out.println(name + "=threw " + e.getClass().getName() + ": " + e.getMessage());
            }
        }
    }
}
