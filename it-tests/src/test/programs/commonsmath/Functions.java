import java.lang.reflect.Constructor;
import java.util.Arrays;

import org.apache.commons.math3.analysis.BivariateFunction;
import org.apache.commons.math3.analysis.ParametricUnivariateFunction;
import org.apache.commons.math3.analysis.UnivariateFunction;

import dev.adjoint.AD;

/**
 * The functions of Commons Math's analysis.function package, differentiated as they are. Each argument is
 * {@code SPEC@POINT}, where SPEC names a class of the package with its constructor's arguments, {@code Gaussian(1,0.5,2)},
 * {@code Sinc(true)}, {@code Gaussian$Parametric()}, and POINT is {@code x}, {@code x:y} for a bivariate function or
 * {@code x|p1,p2,...} for a parametric one. For each it prints {@code reverse:SPEC@POINT=GRADIENT} and, for univariate
 * functions, {@code forward:SPEC@POINT=DERIVATIVE}; or the exception.
 */
public final class Functions {

    private static final String PACKAGE = "org.apache.commons.math3.analysis.function.";

    private Functions() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        for (String arg : args) {
            int at = arg.lastIndexOf('@');
            Object f = create(arg.substring(0, at));
            String point = arg.substring(at + 1);
            if (f instanceof ParametricUnivariateFunction) {
                ParametricUnivariateFunction p = (ParametricUnivariateFunction) f;
                String[] parts = point.split("\\|");
                double x = Double.parseDouble(parts[0]);
                double[] params = numbers(parts[1]);
                report("reverse:" + arg, () -> text(AD.gradient(q -> p.value(x, q), params)));
            } else if (f instanceof BivariateFunction) {
                BivariateFunction b = (BivariateFunction) f;
                double[] xy = numbers(point.replace(':', ','));
                report("reverse:" + arg, () -> text(AD.gradient(v -> b.value(v[0], v[1]), xy)));
            } else {
                UnivariateFunction u = (UnivariateFunction) f;
                double x = Double.parseDouble(point);
                report("reverse:" + arg, () -> Double.toString(AD.gradient(u::value, x)));
                report("forward:" + arg, () -> Double.toString(AD.derivative(u::value, x)));
            }
        }
    }

    /** {@code Gaussian(1,0.5,2)}: the class of the package and its constructor's arguments, doubles or booleans. */
    static Object create(String spec) throws ReflectiveOperationException {
        int open = spec.indexOf('(');
        Class<?> c = Class.forName(PACKAGE + spec.substring(0, open));
        String inside = spec.substring(open + 1, spec.length() - 1);
        String[] args = inside.isEmpty() ? new String[0] : inside.split(",");
        for (Constructor<?> k : c.getConstructors()) {
            Class<?>[] types = k.getParameterTypes();
            if (types.length != args.length) {
                continue;
            }
            Object[] values = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                values[i] = types[i] == boolean.class ? (Object) Boolean.parseBoolean(args[i])
                        : (Object) Double.parseDouble(args[i]);
            }
            return k.newInstance(values);
        }
        throw new IllegalArgumentException("no constructor for " + spec);
    }

    private static double[] numbers(String s) {
        return Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    private static String text(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ",").append(v[i]);
        }
        return sb.toString();
    }

    private static void report(String key, java.util.function.Supplier<String> gradient) {
        try {
            System.out.println(key + "=" + gradient.get());
        } catch (RuntimeException e) {
            System.out.println(key + "=threw " + e.getClass().getName() + ": " + e.getMessage());
        }
    }
}
