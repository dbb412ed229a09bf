package dev.adjoint.internal.runtime;

import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodNode;

import dev.adjoint.internal.bytecode.ClassHierarchy;
import dev.adjoint.internal.rules.CallPolicy;

/**
 * Finds the body of a lambda that the JDK created outside differentiated code and that is not
 * {@code Serializable}: its class is hidden and has no class file, but the class that created it has one, with the
 * creation site ({@code invokedynamic} of {@code LambdaMetafactory}) that names the body. The lambda's class is
 * matched to the sites of its creating class by what reflection shows of it: the functional interface, the
 * functional method, the captured values' types; when several sites fit, by the body that the lambda's constant
 * pool names (readable where the agent opened {@code java.base} to Adjoint). The result has the form of the
 * lambda's {@link SerializedLambda}, which is how the rest of the runtime reads serializable lambdas. Nothing is
 * changed: neither the creating class nor the lambda.
 */
final class LambdaSites {

    /** One creation site: what {@code LambdaMetafactory} was asked for. */
    private static final class Site {
        final String samName;
        final Type factoryType;
        final Type samType;
        final Handle body;
        final Type instantiated;

        Site(InvokeDynamicInsnNode indy) {
            this.samName = indy.name;
            this.factoryType = Type.getMethodType(indy.desc);
            this.samType = (Type) indy.bsmArgs[0];
            this.body = (Handle) indy.bsmArgs[1];
            this.instantiated = (Type) indy.bsmArgs[2];
        }
    }

    private static final Map<String, List<Site>> SITES = new ConcurrentHashMap<>();
    /** The creation site found for a lambda class, once. */
    private static final ClassValue<Site[]> FOUND = new ClassValue<>() {
        @Override
        protected Site[] computeValue(Class<?> type) {
            return new Site[1];
        }
    };

    private LambdaSites() {
    }

    /**
     * @param function an object of a lambda class of the JDK
     * @return its serialized form as the JDK would write it, or {@code null} when its creation site is not found
     *         or not unique
     */
    static SerializedLambda describe(Object function) {
        Class<?> c = function.getClass();
        String name = c.getName();
        int cut = name.indexOf("$$Lambda");
        if (!c.isHidden() || cut < 0) {
            return null;
        }
        String host = name.substring(0, cut).replace('.', '/');
        ClassLoader loader = c.getClassLoader();
        if (loader == null || CallPolicy.isJdk(host)) {
            return null; // the JDK's own lambdas have private bodies in the JDK
        }
        try {
            List<Field> fields = capturedFields(c);
            Site[] slot = FOUND.get(c);
            Site site = slot[0];
            if (site == null) {
                Set<Site> fitting = new LinkedHashSet<>();
                for (Site s : sites(host, loader)) {
                    if (fits(s, c, fields)) {
                        fitting.add(s);
                    }
                }
                site = unique(fitting, c);
                if (site == null) {
                    return null;
                }
                slot[0] = site;
            }
            Object[] captured = new Object[fields.size()];
            for (int k = 0; k < captured.length; k++) {
                Field f = fields.get(k);
                f.setAccessible(true);
                captured[k] = f.get(function);
            }
            Class<?> capturing = Class.forName(host.replace('/', '.'), false, loader);
            return new SerializedLambda(capturing, site.factoryType.getReturnType().getInternalName(), site.samName,
                    site.samType.getDescriptor(), site.body.getTag(), site.body.getOwner(), site.body.getName(),
                    site.body.getDesc(), site.instantiated.getDescriptor(), captured);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** The instance fields of a JDK lambda class, {@code arg$1, arg$2, ...}, in the order they were captured. */
    private static List<Field> capturedFields(Class<?> c) {
        List<Field> out = new ArrayList<>();
        for (Field f : c.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                out.add(f);
            }
        }
        out.sort(Comparator.comparingInt(f -> f.getName().startsWith("arg$")
                ? Integer.parseInt(f.getName().substring(4)) : Integer.MAX_VALUE));
        return out;
    }

    private static boolean fits(Site s, Class<?> c, List<Field> fields) {
        String itf = s.factoryType.getReturnType().getInternalName();
        boolean implementsIt = false;
        for (Class<?> i : c.getInterfaces()) {
            implementsIt |= i.getName().replace('.', '/').equals(itf);
        }
        Type[] captured = s.factoryType.getArgumentTypes();
        if (!implementsIt || captured.length != fields.size()) {
            return false;
        }
        for (int k = 0; k < captured.length; k++) {
            if (!captured[k].equals(Type.getType(fields.get(k).getType()))) {
                return false;
            }
        }
        for (Method m : c.getDeclaredMethods()) {
            if (m.getName().equals(s.samName) && Type.getMethodDescriptor(m).equals(s.samType.getDescriptor())) {
                return true;
            }
        }
        return false;
    }

    /** The one body the fitting sites name; several: the one the lambda class's constant pool refers to. */
    private static Site unique(Set<Site> fitting, Class<?> c) {
        Map<String, Site> bodies = new ConcurrentHashMap<>();
        for (Site s : fitting) {
            bodies.putIfAbsent(key(s.body.getOwner(), s.body.getName(), s.body.getDesc()), s);
        }
        if (bodies.size() == 1) {
            return bodies.values().iterator().next();
        }
        if (bodies.isEmpty()) {
            return null;
        }
        Set<String> named = ConstantPools.memberReferences(c);
        Site found = null;
        for (Map.Entry<String, Site> e : bodies.entrySet()) {
            if (named.contains(e.getKey())) {
                if (found != null) {
                    return null;
                }
                found = e.getValue();
            }
        }
        return found;
    }

    static String key(String owner, String name, String desc) {
        return owner + "." + name + desc;
    }

    private static List<Site> sites(String host, ClassLoader loader) {
        return SITES.computeIfAbsent(System.identityHashCode(loader) + "/" + host, k -> {
            byte[] bytes = ClassHierarchy.ClassBytes.of(loader).find(host);
            if (bytes == null) {
                return List.of();
            }
            ClassNode node = new ClassNode();
            new ClassReader(bytes).accept(node, ClassReader.SKIP_FRAMES | ClassReader.SKIP_DEBUG);
            List<Site> out = new ArrayList<>();
            for (MethodNode m : node.methods) {
                for (AbstractInsnNode insn : m.instructions) {
                    if (insn instanceof InvokeDynamicInsnNode) {
                        InvokeDynamicInsnNode indy = (InvokeDynamicInsnNode) insn;
                        if ("java/lang/invoke/LambdaMetafactory".equals(indy.bsm.getOwner())
                                && indy.bsmArgs.length >= 3 && indy.bsmArgs[1] instanceof Handle) {
                            out.add(new Site(indy));
                        }
                    }
                }
            }
            return out;
        });
    }

    /** Reads the member references of a loaded class's constant pool, where {@code java.lang} is open to Adjoint. */
    private static final class ConstantPools {
        private static final Method GET_POOL;
        private static final Method SIZE;
        private static final Method MEMBER;

        static {
            Method pool = null;
            Method size = null;
            Method member = null;
            try {
                open();
                pool = Class.class.getDeclaredMethod("getConstantPool");
                pool.setAccessible(true);
                Class<?> cp = pool.getReturnType();
                size = cp.getDeclaredMethod("getSize");
                size.setAccessible(true);
                member = cp.getDeclaredMethod("getMemberRefInfoAt", int.class);
                member.setAccessible(true);
            } catch (ReflectiveOperationException | RuntimeException e) {
                pool = null;
            }
            GET_POOL = pool;
            SIZE = size;
            MEMBER = member;
        }

        /** Opens {@code java.lang} and the constant pool's package of {@code java.base} to the runtime. */
        private static void open() {
            java.lang.instrument.Instrumentation inst = AgentSupport.instrumentation();
            if (inst == null) {
                return;
            }
            Module base = Object.class.getModule();
            Module self = LambdaSites.class.getModule();
            Map<String, Set<Module>> opens = Map.of("java.lang", Set.of(self), "jdk.internal.reflect", Set.of(self));
            inst.redefineModule(base, Set.of(), Map.of(), opens, Set.of(), Map.of());
        }

        static Set<String> memberReferences(Class<?> c) {
            Set<String> out = new LinkedHashSet<>();
            if (GET_POOL == null) {
                return out;
            }
            try {
                Object pool = GET_POOL.invoke(c);
                int n = (Integer) SIZE.invoke(pool);
                for (int i = 1; i < n; i++) {
                    try {
                        String[] ref = (String[]) MEMBER.invoke(pool, i);
                        out.add(key(ref[0].replace('.', '/'), ref[1], ref[2]));
                    } catch (ReflectiveOperationException | RuntimeException notAMember) {
                        // another kind of constant
                    }
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                return out;
            }
            return out;
        }

        private ConstantPools() {
        }
    }
}
