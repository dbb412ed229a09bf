package dev.adjoint.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Gradients compared with central finite differences, component by component: the oracle of {@code ad check}.
 *
 * <p>Component k is differentiated with the step {@code h = cbrt(ε)·max(1, |x_k|)}, rounded so that
 * {@code x_k + h} is exact; the central difference's truncation error is then about {@code h²/6·|f'''|} and its
 * rounding error about {@code ε·|f|/h}. An AD value passes when
 * {@code |AD − FD| ≤ tolerance·max(1, |FD|) + 4ε·max(|f(x+h)|, |f(x−h)|)/h}: relative to the derivative where it
 * is larger than 1, absolute below, plus what rounding can make the difference quotient wrong by (eight times
 * the bound for correctly rounded values of {@code f}, for the error a computation accumulates).
 */
final class GradientCheck {

    /** The default tolerance: far above the error of central differences on smooth code, far below a wrong term. */
    static final double DEFAULT_TOLERANCE = 1e-6;

    private static final double EPSILON = Math.ulp(1.0);
    private static final double CBRT_EPSILON = Math.cbrt(EPSILON);

    /** The finite-difference derivative of one component, and how much rounding alone can move it. */
    static final class Difference {
        final double value;
        final double noise;

        Difference(double value, double noise) {
            this.value = value;
            this.noise = noise;
        }
    }

    /** One line of the table: a component, a mode's AD value and the finite difference. */
    static final class Row {
        final String component;
        final double x;
        final String mode;
        final double ad;
        final double fd;
        final double absoluteError;
        final double relativeError;
        final boolean ok;

        Row(String component, double x, String mode, double ad, Difference fd, double tolerance) {
            this.component = component;
            this.x = x;
            this.mode = mode;
            this.ad = ad;
            this.fd = fd.value;
            this.absoluteError = Math.abs(ad - fd.value);
            this.relativeError = fd.value != 0 ? absoluteError / Math.abs(fd.value)
                    : ad == 0 ? 0 : Double.POSITIVE_INFINITY;
            this.ok = Double.isFinite(ad) && Double.isFinite(fd.value)
                    && absoluteError <= tolerance * Math.max(1, Math.abs(fd.value)) + fd.noise;
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final double tolerance;

    GradientCheck(double tolerance) {
        this.tolerance = tolerance;
    }

    /** @return the step for a component at {@code x}, such that {@code x + h} is exact */
    static double step(double x) {
        double h = CBRT_EPSILON * Math.max(1, Math.abs(x));
        double shifted = x + h;
        return shifted - x;
    }

    /**
     * @param f the function, called plainly
     * @param x the point (not modified)
     * @return the central difference of each component
     */
    static Difference[] centralDifferences(ToDoubleFunction<double[]> f, double[] x) {
        Difference[] out = new Difference[x.length];
        for (int k = 0; k < x.length; k++) {
            double h = step(x[k]);
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[k] = x[k] + h;
            minus[k] = x[k] - h;
            double fPlus = f.applyAsDouble(plus);
            double fMinus = f.applyAsDouble(minus);
            double noise = 4 * EPSILON * Math.max(Math.abs(fPlus), Math.abs(fMinus)) / h;
            out[k] = new Difference((fPlus - fMinus) / (2 * h), noise);
        }
        return out;
    }

    /**
     * Adds the rows of one mode.
     *
     * @param components the names of the components
     * @param x          the point
     * @param mode       the name of the mode that computed {@code ad}
     * @param ad         the AD gradient
     * @param fd         the finite differences
     */
    void compare(List<String> components, double[] x, String mode, double[] ad, Difference[] fd) {
        for (int k = 0; k < x.length; k++) {
            rows.add(new Row(components.get(k), x[k], mode, ad[k], fd[k], tolerance));
        }
    }

    /** @return a tolerance as people write it: {@code 1e-6} */
    static String format(double tolerance) {
        return Double.toString(tolerance).replace(".0E", "E").replace('E', 'e');
    }

    /** @return the rows so far */
    List<Row> rows() {
        return rows;
    }

    /** @return whether every row passed */
    boolean passed() {
        for (Row r : rows) {
            if (!r.ok) {
                return false;
            }
        }
        return !rows.isEmpty();
    }

    /** Prints the table, with a mode column when more than one mode was compared. */
    void print(PrintWriter out) {
        boolean modes = rows.stream().map(r -> r.mode).distinct().count() > 1;
        List<String[]> cells = new ArrayList<>();
        cells.add(modes ? new String[] {"component", "at", "mode", "AD", "finite difference", "abs error", "rel error",
            ""} : new String[] {"component", "at", "AD (" + rows.get(0).mode + ")", "finite difference", "abs error",
                "rel error", ""});
        for (Row r : rows) {
            List<String> c = new ArrayList<>(List.of(r.component, Double.toString(r.x)));
            if (modes) {
                c.add(r.mode);
            }
            c.add(Double.toString(r.ad));
            c.add(Double.toString(r.fd));
            c.add(String.format(Locale.ROOT, "%.1e", r.absoluteError));
            c.add(Double.isInfinite(r.relativeError) ? "inf" : String.format(Locale.ROOT, "%.1e", r.relativeError));
            c.add(r.ok ? "ok" : "FAIL");
            cells.add(c.toArray(new String[0]));
        }
        int[] width = new int[cells.get(0).length];
        for (String[] row : cells) {
            for (int k = 0; k < row.length; k++) {
                width[k] = Math.max(width[k], row[k].length());
            }
        }
        for (String[] row : cells) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < row.length; k++) {
                sb.append(k == 0 ? "  " : "  ").append(k == row.length - 1 ? row[k]
                        : String.format(Locale.ROOT, "%-" + width[k] + "s", row[k]));
            }
            out.println(sb.toString().stripTrailing());
        }
    }
}
