package dev.adjoint.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.adjoint.AD;
import dev.adjoint.MultivariateFunction;
import dev.adjoint.NotDifferentiableException;
import dev.adjoint.ValueAndGradient;
import dev.adjoint.internal.runtime.AgentSupport;

/** {@code ad check CLASS#METHOD --at X}: the AD gradient of a method against central finite differences. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compares the gradient Adjoint computes for a method with central finite differences, "
                + "component by component, and exits with 1 if any component disagrees.",
            "",
            "The method returns a double and takes doubles (static double f(double, double, ...)) or an array "
                + "(double f(double[]) or double f(double...)). An instance method needs a public constructor "
                + "without parameters. The gradient comes from the AD, reverse mode by default; the finite "
                + "differences call the method plainly.",
            "",
            "Component k uses the step h = cbrt(eps)*max(1,|x_k|). It passes when |AD - FD| <= "
                + "tolerance*max(1,|FD|) plus the rounding error of the difference quotient, "
                + "4*eps*max(|f(x+h)|,|f(x-h)|)/h. What the method prints goes to standard error, so that "
                + "standard output holds only the table.", ""},
        footer = {"", "Examples:",
            "  ad check dev.adjoint.examples.sine.TaylorSine#sine --at 1.0",
            "  ad check com.example.Rosenbrock#value --cp app.jar --at 1.2,0.8,-0.5",
            "  ad check com.example.Model#loss --cp target/classes --at 2 --mode both",
            "  ad check 'com.example.F#f(double, double)' --cp app.jar --at 0.5,2",
            "", ExitCode.SUMMARY})
final class CheckCommand implements Callable<Integer> {

    @Mixin
    MethodOptions method;

    @Option(names = "--at", required = true, paramLabel = "X,...",
            description = "The point: one number per double parameter, or the elements of the array, separated by "
                    + "commas (--at 1.0,2.5,-3).")
    String point;

    private double[] at;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "reverse",
            description = "Which AD to check: reverse (AD.gradient), forward (AD.jvp along each axis) or both; "
                    + "default: ${DEFAULT-VALUE}.")
    Mode mode;

    @Option(names = "--tolerance", paramLabel = "TOL", defaultValue = "1e-6",
            description = "Relative tolerance (absolute where |FD| < 1); default: ${DEFAULT-VALUE}.")
    double tolerance;

    @Mixin
    Verbosity verbosity;

    @Spec
    CommandSpec spec;

    private List<String> components;

    /** The modes, as the option spells them. */
    enum Mode { reverse, forward, both }

    /** How the method takes its point. */
    private enum Shape { DOUBLES, ARRAY }

    @Override
    public Integer call() {
        MethodReference reference = method.reference();
        checkPoint();
        try (UserClassPath cp = method.openClassPath()) {
            MethodReference.Resolved target = reference.resolve(cp);
            Shape shape = shape(target);
            if (shape == Shape.DOUBLES && at.length != Type.getArgumentTypes(target.method.desc).length) {
                throw new InputException(target.display() + " takes " + Type.getArgumentTypes(target.method.desc).length
                        + " double(s); --at gives " + at.length + " number(s)");
            }
            components = components(target.method, shape, at.length);
            MultivariateFunction f = adapter(cp, target);
            requireAgent();
            return compare(target, f);
        }
    }

    private void checkPoint() {
        String[] parts = point.split(",", -1);
        at = new double[parts.length];
        for (int k = 0; k < parts.length; k++) {
            try {
                at[k] = Double.parseDouble(parts[k].trim());
            } catch (NumberFormatException e) {
                throw new InputException("--at " + point + ": '" + parts[k].trim() + "' is not a number; write the "
                        + "point as --at 1.0,2.5,-3");
            }
            if (!Double.isFinite(at[k])) {
                throw new InputException("--at must be finite numbers; got " + point);
            }
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new InputException("--tolerance must be a finite number >= 0; got " + tolerance);
        }
    }

    private static Shape shape(MethodReference.Resolved target) {
        MethodNode m = target.method;
        Type[] args = Type.getArgumentTypes(m.desc);
        String supported = "ad check takes methods that return a double and take doubles, a double[] or "
                + "double...; " + target.display() + " returns " + Type.getReturnType(m.desc).getClassName();
        if (Type.getReturnType(m.desc).getSort() != Type.DOUBLE) {
            throw new InputException(supported);
        }
        if ((m.access & Opcodes.ACC_ABSTRACT) != 0) {
            throw new InputException(target.display() + " is abstract: it has no code; check an implementation");
        }
        if ((m.access & Opcodes.ACC_PRIVATE) != 0) {
            throw new InputException(target.display() + " is private, so nothing outside its class can call it; "
                    + "check a method that calls it (ad show shows private methods too)");
        }
        if (args.length == 1 && args[0].getDescriptor().equals("[D")) {
            return Shape.ARRAY;
        }
        if (args.length == 0) {
            throw new InputException(target.display() + " takes no parameters: there is nothing to differentiate");
        }
        for (Type t : args) {
            if (t.getSort() != Type.DOUBLE) {
                throw new InputException(supported + " and takes " + MethodReference.parameterList(m.desc));
            }
        }
        return Shape.DOUBLES;
    }

    /** Loads the method's class and builds the function {@code AD} differentiates: a call of the method. */
    private static MultivariateFunction adapter(UserClassPath cp, MethodReference.Resolved target) {
        Class<?> host = cp.load(target.owner.replace('/', '.'));
        boolean reachable = cp.defines(host) || Modifier.isPublic(host.getModifiers())
                && (target.method.access & Opcodes.ACC_PUBLIC) != 0;
        if (!reachable) {
            throw new InputException(target.display() + " is not public and its class comes from Adjoint's own "
                    + "class path; give its jar with --cp to check it");
        }
        Object receiver = target.isStatic() ? null : instantiate(host, target);
        String pkg = cp.defines(host) ? target.owner.substring(0, target.owner.lastIndexOf('/') + 1) : "";
        String name = pkg + CheckAdapter.SIMPLE_NAME;
        byte[] bytes = CheckAdapter.generate(name, target.owner, host.isInterface(), target.method.name,
                target.method.desc, target.isStatic());
        Class<?> adapter = cp.define(name, bytes);
        try {
            return (MultivariateFunction) (receiver == null ? adapter.getConstructor().newInstance()
                    : adapter.getConstructor(host).newInstance(receiver));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the adapter of " + target.display() + " cannot be created", e);
        }
    }

    private static Object instantiate(Class<?> host, MethodReference.Resolved target) {
        if (host.isInterface() || Modifier.isAbstract(host.getModifiers())) {
            throw new InputException(target.display() + " is an instance method of an abstract class or interface; "
                    + "check it on a concrete class");
        }
        Constructor<?> c;
        try {
            c = host.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new InputException(target.display() + " is an instance method and " + host.getName()
                    + " has no public constructor without parameters; make the method static, or check a static "
                    + "method that creates the object");
        }
        try {
            return c.newInstance();
        } catch (InvocationTargetException e) {
            throw new InputException("new " + host.getName() + "() threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new InputException("cannot create " + host.getName() + ": " + e, e);
        }
    }

    private static void requireAgent() {
        try {
            AgentSupport.ensureStarted();
        } catch (IllegalStateException e) {
            throw new CommandFailure("ad check needs Adjoint's agent: run it through bin/ad, or start the JVM with "
                    + "-javaagent:/path/to/ad.jar", e);
        }
    }

    private int compare(MethodReference.Resolved target, MultivariateFunction f) {
        PrintWriter out = spec.commandLine().getOut();
        double[] x = at.clone();
        double value = run(target, () -> f.apply(x.clone()));
        GradientCheck.Difference[] fd = run(target, () -> GradientCheck.centralDifferences(f::apply, x));
        GradientCheck check = new GradientCheck(tolerance);
        String primal = null;
        if (mode != Mode.forward) {
            ValueAndGradient vg = run(target, () -> AD.valueAndGradient(f, x));
            check.compare(components, x, "reverse", vg.gradient(), fd);
            if (Double.doubleToRawLongBits(vg.value()) != Double.doubleToRawLongBits(value)) {
                primal = "the value AD.valueAndGradient computed, " + vg.value() + ", is not the plain call's, "
                        + value + " (Adjoint runs the method unchanged, so this is a bug in Adjoint, or the method "
                        + "does not return the same value twice)";
            }
        }
        if (mode != Mode.reverse) {
            double[] tangents = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                double[] axis = new double[x.length];
                axis[k] = 1;
                tangents[k] = run(target, () -> AD.jvp(f, x, axis));
            }
            check.compare(components, x, "forward", tangents, fd);
        }
        out.println(target.display());
        out.println("  value " + value + " at " + point(components, x));
        check.print(out);
        int failed = (int) check.rows().stream().filter(r -> !r.ok).count();
        String tol = " (tolerance " + GradientCheck.format(tolerance) + ")";
        if (failed == 0 && primal == null) {
            out.println("ok: the gradient agrees with central differences" + tol);
        }
        if (primal != null) {
            out.println("FAIL: " + primal);
        }
        if (failed > 0) {
            out.println("FAIL: " + failed + " of " + check.rows().size() + " values disagree with central differences"
                    + tol);
        }
        out.flush();
        return failed == 0 && primal == null ? ExitCode.OK : ExitCode.FAILED;
    }

    /** Runs the user's code with its standard output sent to standard error, so the table stays clean. */
    private <T> T run(MethodReference.Resolved target, Supplier<T> code) {
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            return code.get();
        } catch (NotDifferentiableException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new CommandFailure(target.display() + " threw " + e + " at " + point(components, at), e);
        } finally {
            System.setOut(stdout);
        }
    }

    private static String point(List<String> components, double[] x) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < x.length; k++) {
            sb.append(k == 0 ? "" : ", ").append(components.get(k)).append(" = ").append(x[k]);
        }
        return sb.toString();
    }

    /** The names of the components: the parameters' names, or the array's name with indices. */
    private static List<String> components(MethodNode m, Shape shape, int n) {
        boolean isStatic = (m.access & Opcodes.ACC_STATIC) != 0;
        List<String> out = new ArrayList<>();
        int slot = isStatic ? 0 : 1;
        Type[] args = Type.getArgumentTypes(m.desc);
        for (int k = 0; k < args.length; k++) {
            String name = parameterName(m, slot, k);
            if (shape == Shape.ARRAY) {
                for (int i = 0; i < n; i++) {
                    out.add(String.format(Locale.ROOT, "%s[%d]", name, i));
                }
                return out;
            }
            out.add(name);
            slot += args[k].getSize();
        }
        return out;
    }

    private static String parameterName(MethodNode m, int slot, int index) {
        if (m.localVariables != null) {
            for (LocalVariableNode v : m.localVariables) {
                if (v.index == slot) {
                    return v.name;
                }
            }
        }
        if (m.parameters != null && index < m.parameters.size() && m.parameters.get(index).name != null) {
            return m.parameters.get(index).name;
        }
        return "x" + index;
    }
}
