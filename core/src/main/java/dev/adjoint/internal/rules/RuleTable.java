package dev.adjoint.internal.rules;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

import dev.adjoint.internal.bytecode.Abi;

/**
 * The derivative rules and substitutes the engine applies instead of entering a method's code. They come from
 * classes annotated with {@link dev.adjoint.DerivativeRules}: the engine's own ({@link MathRules},
 * {@link ArrayReplacements}, {@link ApiRules}) and those users register. The annotations are read from the class
 * files, as the engine reads all code.
 */
public final class RuleTable {

    private static final String RULES = "Ldev/adjoint/DerivativeRules;";
    private static final String PARTIAL = "Ldev/adjoint/Partial;";
    private static final String CONSTANT = "Ldev/adjoint/ConstantPartial;";
    private static final String CONSTANTS = "Ldev/adjoint/ConstantPartial$List;";
    private static final String SUBSTITUTE = "Ldev/adjoint/Substitute;";

    private static final String[] BUILT_IN = {
        "dev/adjoint/internal/rules/MathRules", "dev/adjoint/internal/rules/ArrayReplacements",
        "dev/adjoint/internal/rules/ApiRules", Abi.TAPE_RULES,
        "dev/adjoint/internal/rules/TangentRules", "dev/adjoint/internal/rules/StreamReplacements",
        "dev/adjoint/internal/rules/OptionalDoubles", "dev/adjoint/internal/rules/SummaryStatisticsReplacements",
        "dev/adjoint/internal/rules/FunctionCombinators"
    };

    private static volatile RuleTable current;

    /** owner.name+descriptor to rule */
    private final Map<String, Rule> rules = new HashMap<>();
    /** owner.name/arity to the constant partials declared for every overload of that arity */
    private final Map<String, double[]> constantsByArity = new HashMap<>();
    /** owner.name+descriptor of the call to {owner, name, descriptor} of the substitute */
    private final Map<String, String[]> substitutes = new HashMap<>();
    /** the classes that declare rules, with the digests of their class files ({@link #ENGINE} for built-in ones) */
    private final Map<String, String> sources = new LinkedHashMap<>();
    /** built-in rule classes not read yet: a first gradient served by the cache never needs them */
    private List<String> unread = List.of();
    private volatile boolean complete = true;

    /**
     * What the fingerprint says of a built-in rule class: the key of a cached companion names the engine's build,
     * which digests every class file of the engine, its rules among them, so their own digests are not needed. Reading
     * the nine class files through the class loader cost a warm first gradient about 17 ms (thread CPU, loaded
     * machine).
     */
    private static final String ENGINE = "engine";

    private RuleTable() {
    }

    /** @return the rules that ship with the engine, read from their class files when first asked for */
    public static RuleTable builtIn() {
        RuleTable t = new RuleTable();
        for (String name : BUILT_IN) {
            t.sources.put(name, ENGINE);
        }
        t.unread = List.of(BUILT_IN);
        t.complete = false;
        return t;
    }

    /** Reads the built-in rule classes not read yet; what they declare is known from then on. */
    private void complete() {
        if (complete) {
            return;
        }
        synchronized (this) {
            if (!complete) {
                for (String name : unread) {
                    declare(bytesOf(RuleTable.class.getClassLoader(), name));
                }
                unread = List.of();
                complete = true;
            }
        }
    }

    /** @return the built-in rules and those registered so far */
    public static RuleTable current() {
        RuleTable t = current;
        if (t == null) {
            synchronized (RuleTable.class) {
                if (current == null) {
                    current = builtIn();
                }
                t = current;
            }
        }
        return t;
    }

    /**
     * Adds the rules a class declares. Code generated before keeps the rules it was generated with.
     *
     * @param rulesClass a class annotated with {@link dev.adjoint.DerivativeRules}
     * @throws IllegalArgumentException when the class declares no rules or a rule is malformed
     */
    public static synchronized void register(Class<?> rulesClass) {
        String name = rulesClass.getName().replace('.', '/');
        RuleTable base = current();
        if (base.sources.containsKey(name)) {
            return;
        }
        byte[] bytes = bytesOf(rulesClass.getClassLoader(), name);
        if (bytes == null) {
            throw new IllegalArgumentException("the class file of " + rulesClass.getName() + " cannot be read");
        }
        RuleTable t = base.copy();
        t.read(bytes);
        current = t;
    }

    /** @return the rule for a method, or {@code null} */
    public Rule find(String owner, String name, String descriptor) {
        complete();
        Rule r = rules.get(owner + '.' + name + descriptor);
        if (r != null) {
            return r;
        }
        Type[] args = Type.getArgumentTypes(descriptor);
        double[] values = constantsByArity.get(owner + '.' + name + '/' + args.length);
        return values == null ? null : constantRule(owner, name, descriptor, values);
    }

    /** @return {owner, name, descriptor} of the static method that replaces a call, or {@code null} */
    public String[] substitute(String owner, String name, String descriptor) {
        complete();
        return substitutes.get(owner + '.' + name + descriptor);
    }

    /** @return whether a class declares rules (its own calls are never replaced) */
    public boolean declaresRules(String internalName) {
        return sources.containsKey(internalName);
    }

    /**
     * @return a digest of every class the rules come from, which changes whenever a rule could (part of the key of
     *         cached generated code)
     */
    public String fingerprint() {
        StringBuilder sb = new StringBuilder();
        sources.forEach((k, v) -> sb.append(k).append('=').append(v).append(';'));
        return sb.toString();
    }

    /** @return the classes that declare rules, built-in ones first */
    public Set<String> sources() {
        return Collections.unmodifiableSet(sources.keySet());
    }

    private RuleTable copy() {
        complete();
        RuleTable t = new RuleTable();
        t.rules.putAll(rules);
        t.constantsByArity.putAll(constantsByArity);
        t.substitutes.putAll(substitutes);
        t.sources.putAll(sources);
        return t;
    }

    // ---- reading rule classes ----

    /** Adds the rules of a class, and the class with its file's digest to the sources. */
    private void read(byte[] bytes) {
        sources.put(declare(bytes), digest(bytes));
    }

    /** @return the internal name of the class whose rules it adds */
    private String declare(byte[] bytes) {
        ClassNode c = new ClassNode();
        new ClassReader(bytes).accept(c, ClassReader.SKIP_CODE | ClassReader.SKIP_FRAMES);
        String where = c.name.replace('/', '.');
        AnnotationNode declaration = annotation(c.visibleAnnotations, RULES);
        if (declaration == null) {
            throw new IllegalArgumentException(where + " is not annotated with @DerivativeRules");
        }
        List<String> targets = new ArrayList<>();
        for (Object t : list(declaration, "value")) {
            targets.add(((Type) t).getInternalName());
        }
        for (Object t : list(declaration, "classNames")) {
            targets.add(((String) t).replace('.', '/'));
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("@DerivativeRules on " + where + " names no class");
        }
        Map<String, Rule.Partial[]> declared = new LinkedHashMap<>();
        int count = 0;
        for (MethodNode m : c.methods) {
            AnnotationNode partial = annotation(m.visibleAnnotations, PARTIAL);
            AnnotationNode substitute = annotation(m.visibleAnnotations, SUBSTITUTE);
            if (partial == null && substitute == null) {
                continue;
            }
            String what = where + "." + m.name + m.desc;
            if ((m.access & (Opcodes.ACC_STATIC | Opcodes.ACC_PUBLIC)) != (Opcodes.ACC_STATIC | Opcodes.ACC_PUBLIC)
                    || (c.access & Opcodes.ACC_PUBLIC) == 0) {
                throw new IllegalArgumentException(what + " must be public and static, in a public class");
            }
            if (partial != null) {
                addPartial(c.name, m, (String) value(partial, "value"), (Integer) valueOr(partial, "wrt", 0),
                        what, declared);
            } else {
                addSubstitute(c.name, m, (String) value(substitute, "value"), targets);
            }
            count++;
        }
        for (AnnotationNode k : constants(c.visibleAnnotations)) {
            String method = (String) value(k, "method");
            String descriptor = (String) valueOr(k, "descriptor", "");
            double[] values = doubles(value(k, "value"));
            if (descriptor.isEmpty()) {
                for (String owner : targets) {
                    constantsByArity.put(owner + '.' + method + '/' + values.length, values);
                }
            } else {
                Type[] args = Type.getArgumentTypes(descriptor);
                if (args.length != values.length) {
                    throw new IllegalArgumentException("@ConstantPartial(method = \"" + method + "\") on " + where
                            + " gives " + values.length + " values for " + descriptor);
                }
                Rule.Partial[] partials = declared.computeIfAbsent(method + descriptor,
                        key -> new Rule.Partial[args.length]);
                for (int i = 0; i < args.length; i++) {
                    if (Double.isNaN(values[i]) || !isFloating(args[i])) {
                        continue; // given by a @Partial method, or not a floating-point argument
                    }
                    if (partials[i] != null) {
                        throw new IllegalArgumentException(where + " declares two partials of " + method
                                + descriptor + " with respect to argument " + i);
                    }
                    partials[i] = Rule.Partial.constant(values[i]);
                }
            }
            count++;
        }
        if (count == 0) {
            throw new IllegalArgumentException(where + " declares no @Partial, @ConstantPartial or @Substitute");
        }
        for (Map.Entry<String, Rule.Partial[]> e : declared.entrySet()) {
            String nameAndDesc = e.getKey();
            int paren = nameAndDesc.indexOf('(');
            String name = nameAndDesc.substring(0, paren);
            String desc = nameAndDesc.substring(paren);
            Rule.Partial[] partials = e.getValue();
            Type[] args = Type.getArgumentTypes(desc);
            for (int i = 0; i < args.length; i++) {
                if (partials[i] == null && isFloating(args[i])) {
                    throw new IllegalArgumentException(where + " declares no partial of " + name + desc
                            + " with respect to argument " + i + " (a " + args[i].getClassName() + ")");
                }
            }
            for (String owner : targets) {
                rules.put(owner + '.' + nameAndDesc, new Rule(owner, name, desc, partials));
            }
        }
        return c.name;
    }

    private static void addPartial(String rulesClass, MethodNode m, String target, int wrt, String what,
                                   Map<String, Rule.Partial[]> declared) {
        Type[] params = Type.getArgumentTypes(m.desc);
        if (Type.getReturnType(m.desc) != Type.DOUBLE_TYPE || params.length == 0) {
            throw new IllegalArgumentException(what + ": a partial returns a double and takes the method's "
                    + "arguments followed by its result");
        }
        Type result = params[params.length - 1];
        Type[] args = new Type[params.length - 1];
        System.arraycopy(params, 0, args, 0, args.length);
        if (wrt < 0 || wrt >= args.length || !isFloating(args[wrt])) {
            throw new IllegalArgumentException(what + ": argument " + wrt + " of " + target
                    + Type.getMethodDescriptor(result, args) + " is not a double or a float");
        }
        String key = target + Type.getMethodDescriptor(result, args);
        Rule.Partial[] partials = declared.computeIfAbsent(key, k -> new Rule.Partial[args.length]);
        if (partials[wrt] != null) {
            throw new IllegalArgumentException(what + " repeats the partial of " + key + " in argument " + wrt);
        }
        partials[wrt] = Rule.Partial.method(rulesClass, m.name, m.desc);
    }

    private void addSubstitute(String rulesClass, MethodNode m, String target, List<String> targets) {
        String[] to = {rulesClass, m.name, m.desc};
        Type[] params = Type.getArgumentTypes(m.desc);
        Type ret = Type.getReturnType(m.desc);
        for (String owner : targets) {
            substitutes.put(owner + '.' + target + m.desc, to); // a static method with the same parameters
            if (params.length > 0 && params[0].getInternalName().equals(owner)) {
                Type[] rest = new Type[params.length - 1];
                System.arraycopy(params, 1, rest, 0, rest.length);
                substitutes.put(owner + '.' + target + Type.getMethodDescriptor(ret, rest), to); // the receiver first
            }
        }
    }

    private static Rule constantRule(String owner, String name, String descriptor, double[] values) {
        Type[] args = Type.getArgumentTypes(descriptor);
        Rule.Partial[] partials = new Rule.Partial[args.length];
        for (int i = 0; i < args.length; i++) {
            partials[i] = isFloating(args[i]) ? Rule.Partial.constant(values[i]) : null;
        }
        return new Rule(owner, name, descriptor, partials);
    }

    private static boolean isFloating(Type t) {
        return t.getSort() == Type.DOUBLE || t.getSort() == Type.FLOAT;
    }

    // ---- annotations as ASM gives them ----

    private static AnnotationNode annotation(List<AnnotationNode> all, String desc) {
        if (all != null) {
            for (AnnotationNode a : all) {
                if (a.desc.equals(desc)) {
                    return a;
                }
            }
        }
        return null;
    }

    private static List<AnnotationNode> constants(List<AnnotationNode> all) {
        List<AnnotationNode> out = new ArrayList<>();
        AnnotationNode one = annotation(all, CONSTANT);
        if (one != null) {
            out.add(one);
        }
        AnnotationNode many = annotation(all, CONSTANTS);
        if (many != null) {
            for (Object a : list(many, "value")) {
                out.add((AnnotationNode) a);
            }
        }
        return out;
    }

    private static Object value(AnnotationNode a, String name) {
        Object v = valueOr(a, name, null);
        if (v == null) {
            throw new IllegalArgumentException("@" + Type.getType(a.desc).getClassName() + " lacks " + name);
        }
        return v;
    }

    private static Object valueOr(AnnotationNode a, String name, Object otherwise) {
        if (a.values != null) {
            for (int i = 0; i < a.values.size(); i += 2) {
                if (a.values.get(i).equals(name)) {
                    return a.values.get(i + 1);
                }
            }
        }
        return otherwise;
    }

    private static List<?> list(AnnotationNode a, String name) {
        Object v = valueOr(a, name, null);
        return v == null ? List.of() : v instanceof List ? (List<?>) v : List.of(v);
    }

    private static double[] doubles(Object v) {
        if (v instanceof double[]) {
            return (double[]) v;
        }
        List<?> l = v instanceof List ? (List<?>) v : List.of(v);
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).doubleValue();
        }
        return out;
    }

    // ---- class files ----

    private static byte[] bytesOf(ClassLoader loader, String internalName) {
        String resource = internalName + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource)
                : loader.getResourceAsStream(resource)) {
            if (in == null) {
                if (loader != null) {
                    return null;
                }
                throw new IllegalStateException("the engine's rules " + resource + " are missing from its jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    /**
     * A checksum of a rule class's file: enough to notice that it changed (a cryptographic digest would cost the
     * first gradient the security providers' initialization).
     */
    private static String digest(byte[] bytes) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes);
        return Integer.toHexString(bytes.length) + "-" + Long.toHexString(crc.getValue());
    }
}
