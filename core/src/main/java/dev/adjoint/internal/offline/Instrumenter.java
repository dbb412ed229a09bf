package dev.adjoint.internal.offline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import dev.adjoint.NotDifferentiableException;
import dev.adjoint.internal.activity.PassiveArguments;
import dev.adjoint.internal.bytecode.ClassFiles;
import dev.adjoint.internal.cache.CompanionEntry;
import dev.adjoint.internal.cache.CompanionKey;
import dev.adjoint.internal.bytecode.ClassHierarchy;
import dev.adjoint.internal.engine.Companion;
import dev.adjoint.internal.engine.Engine;
import dev.adjoint.internal.engine.TransformException;
import dev.adjoint.internal.bytecode.Abi;
import dev.adjoint.internal.rules.CallPolicy;
import dev.adjoint.internal.rules.Replacements;
import dev.adjoint.internal.rules.RuleTable;
import dev.adjoint.internal.runtime.EntryPoint;

/**
 * Generates companions ahead of time ({@code ad instrument}): for every class of the input that implements
 * {@code Differentiable}, every entry of a function passed to {@code AD} that the input creates (lambdas, method
 * references, named classes), and optionally every method of selected classes, the companions in both modes, and then
 * those of every method their call sites may reach, as far as the class files tell (class hierarchy analysis over
 * the input and its class path). The runtime defines them instead of generating them; whatever a gradient reaches
 * beyond them it generates as usual.
 *
 * <p>The engine is the same one the runtime calls; only the class files come from jars instead of class loaders.
 */
public final class Instrumenter implements Opcodes {

    private static final String DIFFERENTIABLE = "dev/adjoint/Differentiable";
    private static final String METAFACTORY = "java/lang/invoke/LambdaMetafactory";
    /** Where the runtime defines the adapters of JDK methods passed as functions ({@code Math::sin}). */
    private static final String RUNTIME_PACKAGE = EntryPoint.class.getPackageName().replace('.', '/');

    /** What was generated. */
    public static final class Result {
        /** The entries, in the order generated. */
        public final List<CompanionEntry> entries = new ArrayList<>();
        /** Methods that could not be transformed, with the reason (they are refused at run time too). */
        public final List<String> refused = new ArrayList<>();
    }

    /** One companion to generate: of a method of a class, or of an entry adapter (then {@code adapter} holds it). */
    private static final class Request {
        final String host;
        final String name;
        final String desc;
        final Engine.Mode mode;
        final byte[] adapter;
        /** The floating-point parameters the calls that reach it pass without a derivative. */
        final int passive;

        Request(String host, String name, String desc, Engine.Mode mode, byte[] adapter) {
            this(host, name, desc, mode, adapter, PassiveArguments.NONE);
        }

        private Request(String host, String name, String desc, Engine.Mode mode, byte[] adapter, int passive) {
            this.host = host;
            this.name = name;
            this.desc = desc;
            this.mode = mode;
            this.adapter = adapter;
            this.passive = passive;
        }

        /** The same method, for a call that passes {@code passive} without a derivative. */
        Request passing(int passive) {
            return new Request(host, name, desc, mode, adapter, passive);
        }

        /** Adapters of different functions share a name: they differ in their bytes. */
        String id() {
            return host + '.' + name + desc + '/' + mode + '/' + passive
                    + (adapter == null ? "" : "/" + java.util.Arrays.hashCode(adapter) + "/" + adapter.length);
        }
    }

    /** The built-in rules: a JVM that registers rules of its own generates its companions again. */
    private final RuleTable rules = RuleTable.builtIn();
    private final Engine engine = new Engine(new CallPolicy(rules), false);
    private final ClassHierarchy hierarchy;
    private final ClassIndex index;

    /**
     * @param bytes    class files of the input, its class path, the runtime and the JDK
     * @param universe the classes of the input and its class path, the possible receivers of calls
     */
    public Instrumenter(ClassHierarchy.ClassBytes bytes, Collection<String> universe) {
        this.hierarchy = new ClassHierarchy(bytes);
        this.index = new ClassIndex(bytes, universe);
    }

    /**
     * @param input the classes of the input (internal names)
     * @param every which of them to precompute every method of, beyond the {@code Differentiable} ones
     * @return the generated entries and the refusals
     */
    public Result precompute(Collection<String> input, Predicate<String> every) {
        Result result = new Result();
        Deque<Request> work = new ArrayDeque<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String c : input) {
            ClassIndex.Declarations d = index.get(c);
            if (d == null) {
                continue;
            }
            boolean differentiable = !d.isInterface() && index.isSubtype(c, DIFFERENTIABLE);
            if (differentiable || every.test(c)) {
                for (Map.Entry<String, Integer> m : d.methods.entrySet()) {
                    int acc = m.getValue();
                    String key = m.getKey();
                    int paren = key.indexOf('(');
                    String name = key.substring(0, paren);
                    if ((acc & (ACC_ABSTRACT | ACC_NATIVE | ACC_BRIDGE)) != 0 || "<clinit>".equals(name)
                            || differentiable && !every.test(c) && "<init>".equals(name)) {
                        continue;
                    }
                    for (Engine.Mode mode : Engine.Mode.values()) {
                        work.add(new Request(c, name, key.substring(paren), mode, null));
                    }
                }
            }
            entries(c, d, differentiable, work);
        }
        while (!work.isEmpty()) {
            Request r = work.poll();
            if (!seen.add(r.id())) {
                continue;
            }
            generate(r, result, work);
        }
        return result;
    }

    private void generate(Request r, Result result, Deque<Request> work) {
        byte[] hostBytes;
        String companionName;
        if (r.adapter != null) {
            hostBytes = r.adapter;
            companionName = r.host + Abi.COMPANION_SUFFIX;
        } else {
            hostBytes = hierarchy.bytes().find(r.host);
            if (hostBytes == null) {
                return;
            }
            companionName = r.host + Abi.COMPANION_SUFFIX;
        }
        CompanionKey key = CompanionKey.of(hostBytes, companionName, r.name, r.desc, r.mode, rules.fingerprint(),
                r.passive);
        ClassHierarchy recording = hierarchy.recording();
        Companion c;
        try {
            c = r.adapter != null
                    ? engine.generate(ClassFiles.read(r.adapter), r.name, r.desc, companionName, recording, r.mode)
                    : engine.generate(hostBytes, r.name, r.desc, recording, r.mode, r.passive);
        } catch (TransformException e) {
            result.refused.add(r.host.replace('/', '.') + "." + r.name + r.desc + ": " + e.getMessage());
            return;
        }
        result.entries.add(CompanionEntry.of(key, c, recording.consulted(), hierarchy));
        for (Request callee : callees(c.bytes(), r.mode)) {
            work.add(callee);
        }
    }

    /** The methods the {@code invokedynamic} call sites of a companion may link to. */
    private List<Request> callees(byte[] companion, Engine.Mode mode) {
        List<Request> out = new ArrayList<>();
        new ClassReader(companion).accept(new ClassVisitor(ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(ASM9) {
                    @Override
                    public void visitInvokeDynamicInsn(String kind, String type, Handle bsm, Object... args) {
                        if (bsm.equals(Abi.CALL_BOOTSTRAP)) {
                            int opcode = (Integer) args[0];
                            String desc = (String) args[3];
                            int passive = PassiveArguments.of(opcode != INVOKESTATIC, desc, (Integer) args[5]);
                            List<Request> reached = new ArrayList<>();
                            targets(opcode, (String) args[1], (String) args[2], desc, mode, reached);
                            reached.forEach(r -> out.add(r.passing(passive)));
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return out;
    }

    /** As {@code Linker.call} will resolve it: the declaring classes a call may reach. */
    private void targets(int opcode, String owner, String name, String desc, Engine.Mode mode, List<Request> out) {
        if ("<init>".equals(name)) {
            add(owner, name, desc, mode, out);
            return;
        }
        if (opcode == INVOKESTATIC || opcode == INVOKESPECIAL) {
            add(index.resolve(owner, name, desc, opcode == INVOKESTATIC), name, desc, mode, out);
            return;
        }
        String resolved = index.resolve(owner, name, desc, false);
        add(resolved, name, desc, mode, out);
        for (String k : index.subtypes(owner)) {
            add(k, name, desc, mode, out);
        }
    }

    private void add(String declaring, String name, String desc, Engine.Mode mode, List<Request> out) {
        if (declaring == null || CallPolicy.isJdk(declaring) && !Replacements.isReplacementClass(declaring)) {
            return;
        }
        ClassIndex.Declarations d = index.get(declaring);
        Integer acc = d == null ? null : d.method(name, desc);
        if (acc == null || (acc & (ACC_ABSTRACT | ACC_NATIVE)) != 0) {
            return;
        }
        out.add(new Request(declaring, name, desc, mode, null));
    }

    /**
     * The entry adapters of the functions a class passes to {@code AD}: its lambdas and method references of a
     * functional interface of Adjoint, and the class itself when it implements one.
     */
    private void entries(String c, ClassIndex.Declarations d, boolean differentiable, Deque<Request> work) {
        if (differentiable && (d.access & ACC_ABSTRACT) == 0) {
            String[] sam = functionalMethod(c);
            if (sam != null) {
                adapter(packageOf(c), c, sam[0], sam[1], H_INVOKEVIRTUAL, 1, sam[1], false, work);
            }
        }
        byte[] b = hierarchy.bytes().find(c);
        new ClassReader(b).accept(new ClassVisitor(ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(ASM9) {
                    @Override
                    public void visitInvokeDynamicInsn(String n, String type, Handle bsm, Object... args) {
                        if (!bsm.getOwner().equals(METAFACTORY) || args.length < 3 || !(args[1] instanceof Handle)) {
                            return;
                        }
                        String[] sam = functionalMethod(Type.getReturnType(type).getInternalName());
                        if (sam == null || !sam[0].equals(n)) {
                            return;
                        }
                        Handle impl = (Handle) args[1];
                        String pkg = CallPolicy.isJdk(impl.getOwner()) ? RUNTIME_PACKAGE : packageOf(impl.getOwner());
                        adapter(pkg, impl.getOwner(), impl.getName(), impl.getDesc(), impl.getTag(),
                                Type.getArgumentTypes(type).length, sam[1], impl.isInterface(), work);
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    }

    private static void adapter(String pkg, String implClass, String implName, String implDesc, int kind,
                                int captured, String sam, boolean itf, Deque<Request> work) {
        byte[] adapter;
        try {
            adapter = EntryPoint.adapter(pkg, implClass, implName, implDesc, kind, captured, sam, itf);
        } catch (NotDifferentiableException e) {
            return; // refused at run time with the same message
        }
        String name = new ClassReader(adapter).getClassName();
        for (Engine.Mode mode : Engine.Mode.values()) {
            work.add(new Request(name, "apply", EntryPoint.adapterDescriptor(adapter), mode, adapter));
        }
    }

    /**
     * @return the name and erased descriptor of the functional method of Adjoint's interface (in {@code dev.adjoint},
     *         extending {@code Differentiable}, one abstract method) that a type implements, or null
     */
    private String[] functionalMethod(String type) {
        for (String s : index.supertypes(type)) {
            if (!s.startsWith("dev/adjoint/") || s.indexOf('/', "dev/adjoint/".length()) >= 0
                    || !index.isSubtype(s, DIFFERENTIABLE)) {
                continue;
            }
            ClassIndex.Declarations d = index.get(s);
            if (d == null || !d.isInterface()) {
                continue;
            }
            String[] found = null;
            for (Map.Entry<String, Integer> m : d.methods.entrySet()) {
                if ((m.getValue() & ACC_ABSTRACT) != 0) {
                    if (found != null) {
                        found = null;
                        break;
                    }
                    int paren = m.getKey().indexOf('(');
                    found = new String[] {m.getKey().substring(0, paren), m.getKey().substring(paren)};
                }
            }
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash);
    }

    /** @return a map from resource name to entry bytes, for writing into a jar */
    public static Map<String, byte[]> resources(Result r) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (CompanionEntry e : r.entries) {
            out.put(dev.adjoint.internal.cache.PrecomputedCompanions.resource(e.key()), e.toBytes());
        }
        return out;
    }
}
