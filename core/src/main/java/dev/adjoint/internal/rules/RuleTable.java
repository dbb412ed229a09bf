package dev.adjoint.internal.rules;

import java.util.HashMap;
import java.util.Map;

import org.objectweb.asm.Type;

/**
 * The derivative rules the engine applies instead of entering a method's code: the elementary functions of
 * {@link Math} and {@link StrictMath} (whose bodies are intrinsics or native), and those that later modules add.
 */
public final class RuleTable {

    private static final String RULES = "dev/adjoint/internal/rules/MathRules";
    private static final RuleTable BUILT_IN = builtIn();

    private final Map<String, Rule> rules = new HashMap<>();

    private RuleTable() {
    }

    /** @return the rules that ship with the engine */
    public static RuleTable builtIn() {
        if (BUILT_IN != null) {
            return BUILT_IN;
        }
        RuleTable t = new RuleTable();
        for (String owner : new String[] {"java/lang/Math", "java/lang/StrictMath"}) {
            t.addMath(owner);
        }
        t.add("java/lang/Double", "sum", "(DD)D", c(1), c(1));
        t.add("java/lang/Double", "max", "(DD)D", m("maxFirst", "(DDD)D"), m("maxSecond", "(DDD)D"));
        t.add("java/lang/Double", "min", "(DD)D", m("minFirst", "(DDD)D"), m("minSecond", "(DDD)D"));
        t.add("java/lang/Float", "sum", "(FF)F", c(1), c(1));
        t.add("java/lang/Float", "max", "(FF)F", m("maxFirst", "(FFF)D"), m("maxSecond", "(FFF)D"));
        t.add("java/lang/Float", "min", "(FF)F", m("minFirst", "(FFF)D"), m("minSecond", "(FFF)D"));
        return t;
    }

    /**
     * @return the rule for a method, or {@code null}
     */
    public Rule find(String owner, String name, String descriptor) {
        return rules.get(owner + '.' + name + descriptor);
    }

    private void add(String owner, String name, String descriptor, Rule.Partial... partials) {
        rules.put(owner + '.' + name + descriptor, new Rule(owner, name, descriptor, partials));
    }

    private static Rule.Partial m(String name, String argsDescriptor) {
        return Rule.Partial.method(RULES, name, argsDescriptor);
    }

    private static Rule.Partial c(double value) {
        return Rule.Partial.constant(value);
    }

    private void addMath(String o) {
        for (String f : new String[] {"sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "exp",
                "expm1", "log", "log10", "log1p", "sqrt", "cbrt"}) {
            add(o, f, "(D)D", m(f, "(DD)D"));
        }
        add(o, "atan2", "(DD)D", m("atan2Y", "(DDD)D"), m("atan2X", "(DDD)D"));
        add(o, "hypot", "(DD)D", m("hypotX", "(DDD)D"), m("hypotY", "(DDD)D"));
        add(o, "pow", "(DD)D", m("powBase", "(DDD)D"), m("powExponent", "(DDD)D"));
        add(o, "abs", "(D)D", m("abs", "(DD)D"));
        add(o, "abs", "(F)F", m("abs", "(FF)D"));
        add(o, "max", "(DD)D", m("maxFirst", "(DDD)D"), m("maxSecond", "(DDD)D"));
        add(o, "max", "(FF)F", m("maxFirst", "(FFF)D"), m("maxSecond", "(FFF)D"));
        add(o, "min", "(DD)D", m("minFirst", "(DDD)D"), m("minSecond", "(DDD)D"));
        add(o, "min", "(FF)F", m("minFirst", "(FFF)D"), m("minSecond", "(FFF)D"));
        add(o, "copySign", "(DD)D", m("copySignMagnitude", "(DDD)D"), c(0));
        add(o, "copySign", "(FF)F", m("copySignMagnitude", "(FFF)D"), c(0));
        add(o, "fma", "(DDD)D", m("fmaFirst", "(DDDD)D"), m("fmaSecond", "(DDDD)D"), c(1));
        add(o, "fma", "(FFF)F", m("fmaFirst", "(FFFF)D"), m("fmaSecond", "(FFFF)D"), c(1));
        add(o, "IEEEremainder", "(DD)D", c(1), m("ieeeRemainderDivisor", "(DDD)D"));
        add(o, "scalb", "(DI)D", m("scalb", "(DID)D"), null);
        add(o, "scalb", "(FI)F", m("scalb", "(FIF)D"), null);
        add(o, "signum", "(D)D", c(0));
        add(o, "signum", "(F)F", c(0));
        add(o, "floor", "(D)D", c(0));
        add(o, "ceil", "(D)D", c(0));
        add(o, "rint", "(D)D", c(0));
        add(o, "ulp", "(D)D", c(0));
        add(o, "ulp", "(F)F", c(0));
        add(o, "toDegrees", "(D)D", c(180.0 / Math.PI));
        add(o, "toRadians", "(D)D", c(Math.PI / 180.0));
        add(o, "nextUp", "(D)D", c(1));
        add(o, "nextUp", "(F)F", c(1));
        add(o, "nextDown", "(D)D", c(1));
        add(o, "nextDown", "(F)F", c(1));
        add(o, "nextAfter", "(DD)D", c(1), c(0));
        add(o, "nextAfter", "(FD)F", c(1), c(0));
        // results without a derivative: integer valued
        add(o, "round", "(D)J", c(0));
        add(o, "round", "(F)I", c(0));
        add(o, "getExponent", "(D)I", c(0));
        add(o, "getExponent", "(F)I", c(0));
        add(o, "random", "()D");
        // JDK 21 and later
        add(o, "clamp", "(DDD)D", m("clampValue", "(DDDD)D"), m("clampMin", "(DDDD)D"), m("clampMax", "(DDDD)D"));
        add(o, "clamp", "(FFF)F", m("clampValue", "(FFFF)D"), m("clampMin", "(FFFF)D"), m("clampMax", "(FFFF)D"));
    }

    /** @return whether a descriptor's argument at {@code i} is a {@code double} or {@code float} */
    static boolean floating(String descriptor, int i) {
        int sort = Type.getArgumentTypes(descriptor)[i].getSort();
        return sort == Type.DOUBLE || sort == Type.FLOAT;
    }
}
