package dev.adjoint.internal.runtime;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;

import org.objectweb.asm.Opcodes;

import dev.adjoint.NotDifferentiableException;
import dev.adjoint.internal.activity.NumberFreeTypes;
import dev.adjoint.internal.activity.PassiveArguments;
import dev.adjoint.internal.engine.Engine;
import dev.adjoint.internal.engine.Lowering;
import dev.adjoint.internal.rules.CallPolicy;

/**
 * Links the calls of generated code when they first run: a call in an augmented primal ({@code "fwd"}) to the
 * callee's augmented primal, a call in a pullback ({@code "rev"}) to the callee's pullback. Calls that dispatch on
 * the receiver get an inline cache of up to four receiver classes, guarded by {@code getClass() ==}, which the JIT
 * inlines like an ordinary virtual call; beyond that a per-class table.
 *
 * <p>JDK methods are not transformed: they are called as they are when nothing that carries a derivative reaches
 * them (or they only print or move references), and refused otherwise.
 */
public final class Linker implements Opcodes {

    private static final int MAX_POLYMORPHISM = 4;
    /**
     * Calls a dispatch site takes through its table, within the gradient that first called it, before it guards the
     * receiver's class: building a guard spins {@code java.lang.invoke} forms per site type, which cost a warm first
     * gradient through Dormand–Prince about a tenth of its time for sites that run a few times; a hot site is guarded
     * long before the JIT compiles its caller. A site is guarded as well when a later gradient calls it: one that
     * runs once per gradient used to wait for its hundredth gradient, by when the JIT had compiled its callers, and
     * retargeting it threw that code away (RK4 through Commons Math lost its C2-compiled step loop so, seconds into
     * a benchmark's warm-up).
     */
    private static final int GUARD_AFTER = 100;
    /** Receiver-class guards built by all dispatch sites (see {@link #guardsBuilt()}). */
    private static final java.util.concurrent.atomic.AtomicInteger GUARDS =
            new java.util.concurrent.atomic.AtomicInteger();
    private static final MethodHandle IS_CLASS;
    private static final MethodHandle CLEAR_ARGUMENTS;
    private static final MethodHandle CLEAR_ARGUMENTS_AND_TANGENTS;
    private static final MethodHandle REFUSE;
    private static final MethodHandle RETHROW;
    private static final MethodHandle LINK_FOR;
    private static final MethodHandle TARGET_FOR;
    private static final MethodHandle UNBOX_PULLBACK;
    private static final MethodHandle UNBOX_PULLBACK_TANGENT;
    private static final MethodHandle UNBOX_TANGENT;
    private static final MethodHandle UNBOX_TANGENT_FLOAT;

    static {
        MethodHandles.Lookup l = MethodHandles.lookup();
        try {
            IS_CLASS = l.findStatic(Linker.class, "isClass", MethodType.methodType(boolean.class, Class.class,
                    Object.class));
            CLEAR_ARGUMENTS = l.findStatic(Linker.class, "clearArguments", MethodType.methodType(void.class,
                    Tape.class, double.class, int.class));
            CLEAR_ARGUMENTS_AND_TANGENTS = l.findStatic(Linker.class, "clearArgumentsAndTangents",
                    MethodType.methodType(void.class, Tape.class, double.class, Tape.class, int.class));
            REFUSE = l.findStatic(Linker.class, "refuse", MethodType.methodType(Object.class, String.class,
                    String.class, int.class, String.class, String.class, Tape.class));
            RETHROW = l.findStatic(Linker.class, "rethrow", MethodType.methodType(Object.class,
                    NotDifferentiableException.class, Tape.class));
            LINK_FOR = l.findVirtual(DispatchSite.class, "linkFor", MethodType.methodType(MethodHandle.class,
                    Object.class));
            UNBOX_PULLBACK = l.findStatic(Linker.class, "unboxPullback", MethodType.methodType(void.class,
                    Object.class, Tape.class, double.class));
            UNBOX_PULLBACK_TANGENT = l.findStatic(Linker.class, "unboxPullbackTangent", MethodType.methodType(
                    void.class, Object.class, Tape.class, double.class, Tape.class));
            UNBOX_TANGENT = l.findStatic(Linker.class, "unboxTangent", MethodType.methodType(double.class,
                    Number.class, Tape.class));
            UNBOX_TANGENT_FLOAT = l.findStatic(Linker.class, "unboxTangentFloat", MethodType.methodType(
                    float.class, Number.class, Tape.class));
            TARGET_FOR = l.findVirtual(DispatchSite.class, "targetFor", MethodType.methodType(MethodHandle.class,
                    Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Linker() {
    }

    /**
     * @return how many receiver-class guards the dispatch sites have built so far, in all threads (for tests and
     *         diagnostics: a site retargeted late throws away the JIT's code of its callers)
     */
    public static int guardsBuilt() {
        return GUARDS.get();
    }

    /** Where a call site is, for messages. */
    static final class Site {
        final String className;
        final String method;
        final int line;

        Site(String encoded) {
            String[] p = encoded.split("\u0000", -1);
            this.className = p[0].replace('/', '.');
            this.method = p[1];
            this.line = Integer.parseInt(p[2]);
        }
    }

    /**
     * Bootstrap of the call sites of generated code.
     *
     * @param caller the companion's lookup
     * @param kind   {@code "fwd"} or {@code "rev"}
     * @param type   the call site's type
     * @param opcode the original invoke opcode
     * @param owner  the owner the original call named
     * @param name   the method name
     * @param desc   the method descriptor
     * @param itf    1 when the owner is an interface
     * @param varied which arguments may carry derivatives (bit k: operand k, receiver first)
     * @param site   the call's place: class, method, line separated by NUL
     * @return the call site
     */
    public static CallSite call(MethodHandles.Lookup caller, String kind, MethodType type, int opcode, String owner,
                                String name, String desc, int itf, int varied, String site) {
        boolean fwd = !"rev".equals(kind);
        boolean tangent = "tan".equals(kind);
        Site where = new Site(site);
        ClassLoader loader = caller.lookupClass().getClassLoader();
        Class<?> ownerClass = load(owner, loader, where);
        // a call in differentiated derivative code: the tangent of the callee's derivative method
        Lowering.Decoded lowered = tangent ? Lowering.decode(name) : null;
        Call call = lowered == null
                ? new Call(caller, fwd, tangent, type, opcode, ownerClass, name, desc, varied, where, null)
                : new Call(caller, fwd, tangent, type, lowered.opcode, ownerClass, lowered.name, lowered.desc,
                        varied, where, lowered.kind);
        opcode = call.opcode;
        name = call.name;
        desc = call.desc;
        try {
            if ("<init>".equals(name) && call.second != null) {
                MethodHandle h = SecondOrder.of(ownerClass, name, desc, call.second);
                return new ConstantCallSite("rev".equals(call.second) ? h : h.asType(type));
            }
            if ("<init>".equals(name)) {
                Companions.Linked l = call.companion(ownerClass);
                return new ConstantCallSite(tangent ? l.tan.asType(type) : fwd ? l.fwd.asType(type) : l.rev);
            }
            if (opcode == INVOKESTATIC || opcode == INVOKESPECIAL) {
                Method m = opcode == INVOKESTATIC ? findStatic(ownerClass, name, desc)
                        : resolve(ownerClass, name, desc);
                Class<?> declaring = m == null ? ownerClass : m.getDeclaringClass();
                return new ConstantCallSite(call.target(declaring, m));
            }
            Method resolved = resolve(ownerClass, name, desc);
            if (resolved != null && (Modifier.isPrivate(resolved.getModifiers())
                    || Modifier.isFinal(resolved.getModifiers()) || Modifier.isFinal(ownerClass.getModifiers()))) {
                return new ConstantCallSite(call.target(resolved.getDeclaringClass(), resolved));
            }
        } catch (NotDifferentiableException e) {
            // thrown from a bootstrap it would surface as BootstrapMethodError: throw it when the call runs
            return new ConstantCallSite(call.refusal(e));
        }
        return new DispatchSite(call).site;
    }

    /**
     * Bootstrap of stores to final fields from a constructor's companion, which the JVM allows only to the class
     * itself: a setter handle, unlocked by reflection (ordinary classes only; records are never transformed).
     */
    public static CallSite setter(MethodHandles.Lookup caller, String kind, MethodType type, String owner,
                                  String field) throws ReflectiveOperationException {
        Class<?> c = load(owner, caller.lookupClass().getClassLoader(), null);
        java.lang.reflect.Field f = c.getDeclaredField(field);
        f.setAccessible(true);
        return new ConstantCallSite(caller.unreflectSetter(f).asType(type));
    }

    /** Bootstrap of the call sites that yield a field's shadow slot: a constant. */
    public static CallSite fieldSlot(MethodHandles.Lookup caller, String name, MethodType type, String owner,
                                     String field, int isStatic) {
        Class<?> c = load(owner, caller.lookupClass().getClassLoader(), null);
        int slot = isStatic != 0 ? FieldSlots.staticSlot(c, field) : FieldSlots.instanceSlot(c, field);
        return new ConstantCallSite(MethodHandles.constant(int.class, slot));
    }

    /** One call site being linked. */
    static final class Call {
        final MethodHandles.Lookup caller;
        final boolean fwd;
        final boolean tangent;
        final MethodType type;
        final int opcode;
        final Class<?> owner;
        final String name;
        final String desc;
        final int varied;
        final Site site;
        /** For a call in differentiated derivative code, the callee's derivative method meant; else null. */
        final String second;

        Call(MethodHandles.Lookup caller, boolean fwd, boolean tangent, MethodType type, int opcode, Class<?> owner,
             String name, String desc, int varied, Site site, String second) {
            this.caller = caller;
            this.fwd = fwd;
            this.tangent = tangent;
            this.type = type;
            this.opcode = opcode;
            this.owner = owner;
            this.name = name;
            this.desc = desc;
            this.varied = varied;
            this.site = site;
            this.second = second;
        }

        boolean hasReceiver() {
            return opcode != INVOKESTATIC;
        }

        /** Pullback sites take the receiver only when they dispatch on it. */
        boolean pullbackTakesReceiver() {
            return opcode == INVOKEVIRTUAL || opcode == INVOKEINTERFACE;
        }

        /** The handle for a call of method {@code m} declared in {@code declaring}, typed as the site. */
        MethodHandle target(Class<?> declaring, Method m) {
            return target(declaring, m, null);
        }

        /**
         * As {@link #target(Class, Method)}, for a receiver of class {@code receiver} when the site dispatches on
         * it: a receiver that holds no floating-point value ({@code BigDecimal} behind {@code Number}) carries no
         * derivative into a JDK method, whatever the site's type says.
         */
        MethodHandle target(Class<?> declaring, Method m, Class<?> receiver) {
            if (m == null) {
                return refusal("a call to " + owner.getName() + "." + name + desc + ", which cannot be resolved",
                        "Check the class path");
            }
            if (declaring.isHidden()) {
                EntryPoint e = EntryPoint.existing(declaring);
                MethodHandle h = e == null ? null : CapturedLambdas.target(e, this,
                        second != null ? second : tangent ? "tan" : fwd ? "fwd" : "rev", second != null);
                if (h != null) {
                    return h;
                }
                NotDifferentiableException why = EntryPoint.refusal(declaring);
                if (why != null) {
                    return refusal("a call of a lambda (" + declaring.getName().replaceAll("/0x[0-9a-f]+$", "")
                            + ") that was created outside differentiated code, " + why.construct(),
                            "Create the lambda inside the differentiated code, or write it as a lambda that takes "
                            + "and returns the function's exact types");
                }
                String lambda = declaring.getName().replaceAll("/0x[0-9a-f]+$", "");
                if (CallPolicy.isJdk(declaring.getName().replace('.', '/'))) {
                    return refusal("a call of a function that the JDK made outside differentiated code (" + lambda
                            + ", such as f.andThen(g) or Comparator.comparing(k) made before the gradient), whose "
                            + "body is the JDK's", "Combine the functions inside the differentiated code, or write "
                            + "the combination as a lambda of your own (t -> g.apply(f.apply(t)))");
                }
                return refusal("a call of a lambda (" + lambda
                        + ") that was created outside differentiated code, whose creation site Adjoint cannot "
                        + "identify (the class that created it has several lambdas of its shape, or no class file)",
                        "Create the lambda inside the differentiated code, declare its interface Serializable, or "
                        + "use a named class that implements the interface");
            }
            if ("dev.adjoint.AD".equals(declaring.getName())) {
                return nested();
            }
            String internal = declaring.getName().replace('.', '/');
            boolean jdk = (declaring.getClassLoader() == null || CallPolicy.isJdk(internal))
                    && !dev.adjoint.internal.rules.Replacements.isReplacementClass(internal);
            boolean isNative = Modifier.isNative(m.getModifiers());
            if (second != null) {
                return secondOrderTarget(declaring, m, internal, jdk || isNative, isNative);
            }
            if (jdk && CallPolicy.unboxes(internal, name) && !isStaticCall()) {
                return fwd && !tangent ? original(m) : unbox();
            }
            String siteOwner = owner.getName().replace('.', '/');
            if (CallPolicy.isParallel(siteOwner, name) || jdk && CallPolicy.isParallel(internal, name)) {
                // also where the stream is the engine's own (rules.SequentialDoubleStream)
                return refusal("a parallel stream or operation (" + siteOwner.replace('/', '.') + "." + name
                        + "), whose callbacks run on other threads", "Use a sequential stream or a loop, or "
                        + "call AD.gradient inside each task");
            }
            if (jdk || isNative) {
                String declName = declaring.getName().replace('.', '/');
                boolean callsBack = !isNative && (CallPolicy.callsBack(declName, desc)
                        || CallPolicy.callsBack(siteOwner, desc) || holdsComparator(declaring)
                        || receiverIsCallback(declaring) || CallPolicy.isStreamClass(declName)
                        || CallPolicy.isStreamClass(siteOwner));
                int varied = receiver != null && NumberFreeTypes.holdsNoNumbers(receiver) ? this.varied & ~1
                        : this.varied;
                boolean allowed = varied == 0 || CallPolicy.isSink(declName, name)
                        || CallPolicy.movesReferences(declName, name, desc) && (varied & floatingArguments()) == 0
                        || (CallPolicy.movesReferencesAndCallsBack(declName, name, desc)
                            || CallPolicy.movesReferencesAndCallsBack(siteOwner, name, desc))
                        && (varied & numberArguments()) == 0;
                if (!allowed) {
                    return refusal(CallPolicy.blockedConstruct(declName, name, isNative),
                            CallPolicy.blockedAdvice(declName, siteOwner, name));
                }
                if (!callsBack) {
                    return fwd ? original(m) : clearingPullback();
                }
                String method = declaring.getName() + "." + name;
                if (!fwd) {
                    MethodHandle h = clearingPullback();
                    return Callbacks.replaying(h, h.type().parameterList().indexOf(Tape.class));
                }
                return framedOriginal(m, 1, tangent ? Callbacks.Mode.TANGENT : Callbacks.Mode.REVERSE, declaring);
            }
            Companions.Linked l = companion(declaring);
            if (tangent) {
                return l.tan.asType(type);
            }
            if (fwd) {
                return l.fwd.asType(type);
            }
            return pullbackTakesReceiver() ? MethodHandles.dropArguments(l.rev, 0, type.parameterType(0)) : l.rev;
        }

        /**
         * The callee's derivative code for this site: the companion that takes the floating-point arguments the
         * site passes without a derivative as values ({@link PassiveArguments}). The site's augmented primal and
         * its pullback ask with the same operands, so they meet the same companion.
         */
        Companions.Linked companion(Class<?> declaring) {
            return Companions.of(declaring, name, desc, tangent ? Engine.Mode.TANGENT : Engine.Mode.REVERSE,
                    PassiveArguments.of(hasReceiver(), desc, varied));
        }

        /** A call of {@code AD} itself inside differentiated code: a derivative of a derivative. */
        private MethodHandle nested() {
            if ("checkpoint".equals(name) && second == null) {
                return (tangent ? Checkpoints.TANGENT : fwd ? Checkpoints.FORWARD : Checkpoints.REVERSE).asType(type);
            }
            boolean scalar = "(Ldev/adjoint/ScalarFunction;D)D".equals(desc);
            if (scalar && ("gradient".equals(name) || "derivative".equals(name)) && tangent && second == null) {
                return ("gradient".equals(name) ? Nested.GRADIENT : Nested.DERIVATIVE).asType(type);
            }
            String what = "AD." + name + " inside a function that "
                    + (second != null ? "is being differentiated twice" : fwd && !tangent || !fwd
                    ? "reverse mode differentiates" : "forward mode differentiates");
            return refusal(what, scalar ? "Differentiate the outer function by forward mode (AD.derivative): "
                    + "nested derivatives are forward over reverse or forward over forward"
                    : "Nested derivatives support AD.gradient and AD.derivative of a ScalarFunction, under "
                    + "AD.derivative");
        }

        /** The tangent of the callee's {@link #second} derivative method. */
        private MethodHandle secondOrderTarget(Class<?> declaring, Method m, String internal, boolean notTransformed,
                                               boolean isNative) {
            if (notTransformed) {
                if (CallPolicy.unboxes(internal, name) && !isStaticCall()) {
                    if ("fwd".equals(second)) {
                        MethodHandle h = "floatValue".equals(name) ? UNBOX_TANGENT_FLOAT : UNBOX_TANGENT;
                        return MethodHandles.dropArguments(h, 1, Tape.class).asType(type);
                    }
                    if ("rev".equals(second)) {
                        return UNBOX_PULLBACK_TANGENT.asType(type);
                    }
                    return refusal("a second derivative by forward mode through " + internal.replace('/', '.')
                            + "." + name + " reached through Number", "Declare the variable as Double");
                }
                boolean allowed = varied == 0 || CallPolicy.isSink(internal, name)
                        || CallPolicy.movesReferences(internal, name, desc) && (varied & floatingArguments()) == 0;
                if (!allowed && CallPolicy.isStreamClass(internal)) {
                    return refusal("a stream of the JDK (" + internal.replace('/', '.') + "." + name + ") in a second "
                            + "derivative", "Start the pipeline from an array (Arrays.stream, DoubleStream.of), whose "
                            + "pipelines second derivatives follow, or write it as a loop");
                }
                if (!allowed) {
                    return refusal(CallPolicy.blockedConstruct(internal, name, isNative),
                            CallPolicy.blockedAdvice(internal));
                }
                if ("rev".equals(second)) {
                    MethodHandle h = MethodHandles.insertArguments(CLEAR_ARGUMENTS_AND_TANGENTS, 3,
                            org.objectweb.asm.Type.getArgumentTypes(desc).length);
                    return pullbackTakesReceiver() ? MethodHandles.dropArguments(h, 0, type.parameterType(0)) : h;
                }
                if (!isNative && (CallPolicy.callsBack(internal, desc) || holdsComparator(declaring)
                        || receiverIsCallback(declaring))) {
                    return framedOriginal(m, 2, Callbacks.Mode.SECOND_ORDER, declaring);
                }
                return original(m, 2);
            }
            MethodHandle h = SecondOrder.of(declaring, name, desc, second);
            if ("rev".equals(second)) {
                return pullbackTakesReceiver() ? MethodHandles.dropArguments(h, 0, type.parameterType(0)) : h;
            }
            return h.asType(type);
        }

        private boolean isStaticCall() {
            return opcode == INVOKESTATIC;
        }

        /** Per operand of the call (receiver first): the callback interface it is declared as, or null. */
        private Class<?>[] callbackTypes() {
            org.objectweb.asm.Type[] args = org.objectweb.asm.Type.getArgumentTypes(desc);
            int first = hasReceiver() ? 1 : 0;
            Class<?>[] out = new Class<?>[args.length + first];
            for (int k = 0; k < args.length; k++) {
                if (CallPolicy.isCallbackType(args[k].getDescriptor())) {
                    out[k + first] = type.parameterType(k + first);
                }
            }
            return out;
        }

        /** A default method of a callback interface ({@code Comparator.reversed}): its receiver is a callback. */
        private boolean receiverIsCallback(Class<?> declaring) {
            return hasReceiver() && opcode != INVOKESPECIAL && declaring.isInterface()
                    && CallPolicy.isCallbackType("L" + declaring.getName().replace('.', '/') + ";");
        }

        /**
         * The original JDK method, run in a callback frame; callbacks among its operands that cannot intercept
         * their own calls are wrapped (see {@link Callbacks}). A receiver that is a callback is passed as the
         * interface that declares the method.
         */
        private MethodHandle framedOriginal(Method m, int tapes, Callbacks.Mode mode, Class<?> declaring) {
            Class<?>[] callbacks = callbackTypes();
            MethodHandle h = original(m, tapes);
            if (receiverIsCallback(declaring)) {
                try {
                    MethodType mt = MethodType.fromMethodDescriptorString(desc, owner.getClassLoader());
                    MethodHandle v = caller.findVirtual(declaring, name, mt);
                    for (int k = 0; k < tapes; k++) {
                        v = MethodHandles.dropArguments(v, v.type().parameterCount(), Tape.class);
                    }
                    h = v.asType(type.changeParameterType(0, declaring));
                    callbacks[0] = declaring;
                } catch (ReflectiveOperationException e) {
                    // called as the site names it, unwrapped
                }
            }
            return Callbacks.framed(h, type.parameterList().indexOf(Tape.class), mode, site,
                    declaring.getName() + "." + name, callbacks).asType(type);
        }

        /** Whether a JDK collection calls a comparator it holds (a sorted map or set, a priority queue). */
        private boolean holdsComparator(Class<?> declaring) {
            return java.util.SortedMap.class.isAssignableFrom(declaring)
                    || java.util.SortedSet.class.isAssignableFrom(declaring)
                    || java.util.PriorityQueue.class.isAssignableFrom(declaring);
        }

        /** {@code Double.doubleValue()} reached through {@code Number}: a read of the box's value field. */
        private MethodHandle unbox() {
            if (tangent) {
                return ("floatValue".equals(name) ? UNBOX_TANGENT_FLOAT : UNBOX_TANGENT).asType(type);
            }
            return UNBOX_PULLBACK.asType(type);
        }

        /** Bits of {@link #varied} that are floating-point arguments. */
        private int floatingArguments() {
            int mask = 0;
            org.objectweb.asm.Type[] args = org.objectweb.asm.Type.getArgumentTypes(desc);
            int first = hasReceiver() ? 1 : 0;
            for (int k = 0; k < args.length; k++) {
                int sort = args[k].getSort();
                if (sort == org.objectweb.asm.Type.DOUBLE || sort == org.objectweb.asm.Type.FLOAT) {
                    mask |= 1 << Math.min(k + first, 31);
                }
            }
            return mask;
        }

        /**
         * Bits of {@link #varied} that are numbers or arrays of numbers (a {@code DoubleStream.of(double...)}'s
         * elements): the JDK would compute with them.
         */
        private int numberArguments() {
            int mask = floatingArguments();
            org.objectweb.asm.Type[] args = org.objectweb.asm.Type.getArgumentTypes(desc);
            int first = hasReceiver() ? 1 : 0;
            for (int k = 0; k < args.length; k++) {
                if (args[k].getSort() == org.objectweb.asm.Type.ARRAY) {
                    int element = args[k].getElementType().getSort();
                    if (element == org.objectweb.asm.Type.DOUBLE || element == org.objectweb.asm.Type.FLOAT) {
                        mask |= 1 << Math.min(k + first, 31);
                    }
                }
            }
            return mask;
        }

        /** The original method, ignoring the tape. */
        private MethodHandle original(Method m) {
            return original(m, 1);
        }

        /** The original method, ignoring the last {@code tapes} arguments. */
        private MethodHandle original(Method m, int tapes) {
            MethodHandle h;
            try {
                MethodType mt = MethodType.fromMethodDescriptorString(desc, owner.getClassLoader());
                if (opcode == INVOKESTATIC) {
                    h = caller.findStatic(m.getDeclaringClass(), name, mt);
                } else if (opcode == INVOKESPECIAL) {
                    h = MethodHandles.privateLookupIn(caller.lookupClass(), caller)
                            .findSpecial(m.getDeclaringClass(), name, mt, caller.lookupClass());
                } else {
                    h = caller.findVirtual(owner, name, mt);
                }
            } catch (ReflectiveOperationException e) {
                return refusal("a call to " + owner.getName() + "." + name + " that generated code cannot reach ("
                        + e.getMessage() + ")", "Report this with the output of -Dadjoint.dump=DIR");
            }
            for (int k = 0; k < tapes; k++) {
                h = MethodHandles.dropArguments(h, h.type().parameterCount(), Tape.class);
            }
            return h.asType(type);
        }

        /** A pullback for a method that gives no derivative to its arguments. */
        private MethodHandle clearingPullback() {
            int n = org.objectweb.asm.Type.getArgumentTypes(desc).length;
            MethodHandle h = MethodHandles.insertArguments(CLEAR_ARGUMENTS, 2, n);
            return pullbackTakesReceiver() ? MethodHandles.dropArguments(h, 0, type.parameterType(0)) : h;
        }

        MethodHandle refusal(NotDifferentiableException e) {
            return withTape(MethodHandles.insertArguments(RETHROW, 0, e));
        }

        MethodHandle refusal(String construct, String advice) {
            return withTape(MethodHandles.insertArguments(REFUSE, 0, site.className, site.method, site.line,
                    construct, advice));
        }

        /** Adapts {@code (Tape) -> Object} to the site's type, which has the tape among its parameters. */
        private MethodHandle withTape(MethodHandle h) {
            int at = type.parameterList().indexOf(Tape.class);
            h = MethodHandles.dropArguments(h, 1, type.parameterList().subList(at + 1, type.parameterCount()));
            h = MethodHandles.dropArguments(h, 0, type.parameterList().subList(0, at));
            return h.asType(type);
        }
    }

    /**
     * An inline cache on the receiver's class, and the call site it retargets. The site is created with its first
     * target: a {@code MutableCallSite} created with only a type builds an "uninitialized" handle for that type
     * first: about 5 % of a warm first gradient through Dormand–Prince, in JFR samples.
     */
    static final class DispatchSite {
        final MutableCallSite site;
        private final Call call;
        private final ClassValue<MethodHandle> targets = new ClassValue<>() {
            @Override
            protected MethodHandle computeValue(Class<?> receiver) {
                return resolveFor(receiver);
            }
        };
        private int depth;
        /** Calls that {@link #linkFor} answered without guarding; a race between threads only guards a call later. */
        private int calls;
        /** {@link Tape#acquired()} when the site was linked: the gradient in which it is still cold. */
        private final int firstGradient = Tape.acquired();

        DispatchSite(Call call) {
            this.call = call;
            this.site = new MutableCallSite(invoking(LINK_FOR.bindTo(this)));
        }

        /**
         * A target that asks {@code chooser} for the handle of the receiver's class and invokes it with the site's
         * arguments: no boxing into an array and no conversion to a generic type, which would spin
         * {@code java.lang.invoke} adapters for every site's type on its first call.
         */
        private MethodHandle invoking(MethodHandle chooser) {
            MethodHandle choose = chooser.asType(MethodType.methodType(MethodHandle.class,
                    call.type.parameterType(0)));
            return MethodHandles.foldArguments(MethodHandles.exactInvoker(call.type), choose);
        }

        MethodHandle resolveFor(Class<?> receiver) {
            Method m = implementation(receiver, call.name, call.desc);
            return call.target(m == null ? receiver : m.getDeclaringClass(), m, receiver);
        }

        MethodHandle targetFor(Object receiver) {
            // past the inline cache, classes still arrive here first: lambdas from outside need their entry too
            prepareOutsideLambda(receiver);
            return targets.get(receiver.getClass());
        }

        /** A lambda from outside: its entry is made from an instance, before its class is resolved. */
        private void prepareOutsideLambda(Object receiver) {
            Class<?> c = receiver.getClass();
            if (c.isHidden() && EntryPoint.existing(c) == null && EntryPoint.refusal(c) == null
                    && EntryPoint.serializedForm(receiver) != null) {
                EntryPoint.prepare(receiver, call.name, call.desc); // a refusal is resolved by targets
            }
        }

        /**
         * A call with a receiver of a class the inline cache does not hold: past the site's first
         * {@link #GUARD_AFTER} calls or its first gradient, adds the class to the cache (or, past {@link #MAX_POLYMORPHISM} classes, turns
         * the site into a table lookup).
         *
         * @return the handle to call for this receiver, typed as the site
         */
        MethodHandle linkFor(Object receiver) {
            if (receiver == null) {
                throw new NullPointerException("Cannot invoke \"" + call.owner.getName() + "." + call.name
                        + "()\" because the receiver is null");
            }
            Class<?> c = receiver.getClass();
            prepareOutsideLambda(receiver);
            MethodHandle t = targets.get(c);
            if (calls < GUARD_AFTER && Tape.acquired() == firstGradient) {
                calls++;
                return t;
            }
            synchronized (this) {
                if (depth < MAX_POLYMORPHISM) {
                    MethodHandle test = IS_CLASS.bindTo(c).asType(MethodType.methodType(boolean.class,
                            call.type.parameterType(0)));
                    site.setTarget(MethodHandles.guardWithTest(test, t, site.getTarget()));
                    depth++;
                    GUARDS.incrementAndGet();
                } else if (depth == MAX_POLYMORPHISM) {
                    site.setTarget(invoking(TARGET_FOR.bindTo(this)));
                    depth++;
                }
            }
            return t;
        }
    }

    // ---- resolution ----

    static Class<?> load(String internalName, ClassLoader loader, Site site) {
        String name = internalName.replace('/', '.');
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new NotDifferentiableException(site == null ? "?" : site.className,
                    site == null ? "?" : site.method, site == null ? -1 : site.line,
                    "a reference to the class " + name + ", which cannot be loaded", "Check the class path", e);
        }
    }

    private static String descriptor(Method m) {
        return MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString();
    }

    /** The static method a call names, searched up the superclasses. */
    static Method findStatic(Class<?> c, String name, String desc) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                if (m.getName().equals(name) && Modifier.isStatic(m.getModifiers()) && descriptor(m).equals(desc)) {
                    return m;
                }
            }
        }
        for (Class<?> i : c.getInterfaces()) {
            for (Method m : i.getDeclaredMethods()) {
                if (m.getName().equals(name) && Modifier.isStatic(m.getModifiers()) && descriptor(m).equals(desc)) {
                    return m;
                }
            }
        }
        return null;
    }

    /** Method resolution from a class: superclasses, then superinterfaces (JVMS 5.4.3.3). */
    static Method resolve(Class<?> c, String name, String desc) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                if (m.getName().equals(name) && descriptor(m).equals(desc) && !Modifier.isStatic(m.getModifiers())) {
                    return m;
                }
            }
        }
        return fromInterfaces(c, name, desc, false);
    }

    /** Selection of the implementation for a receiver class (JVMS 5.4.6), including default methods. */
    static Method implementation(Class<?> receiver, String name, String desc) {
        for (Class<?> k = receiver; k != null; k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                if (m.getName().equals(name) && !Modifier.isStatic(m.getModifiers())
                        && !Modifier.isAbstract(m.getModifiers()) && descriptor(m).equals(desc)
                        && (!Modifier.isPrivate(m.getModifiers()) || k == receiver)) {
                    return m;
                }
            }
        }
        return fromInterfaces(receiver, name, desc, true);
    }

    private static Method fromInterfaces(Class<?> c, String name, String desc, boolean concreteOnly) {
        Deque<Class<?>> work = new ArrayDeque<>();
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            work.addAll(java.util.Arrays.asList(k.getInterfaces()));
        }
        Method abstractOne = null;
        while (!work.isEmpty()) {
            Class<?> i = work.poll();
            for (Method m : i.getDeclaredMethods()) {
                if (m.getName().equals(name) && descriptor(m).equals(desc) && !Modifier.isStatic(m.getModifiers())
                        && !Modifier.isPrivate(m.getModifiers())) {
                    if (!Modifier.isAbstract(m.getModifiers())) {
                        return m;
                    }
                    if (abstractOne == null) {
                        abstractOne = m;
                    }
                }
            }
            work.addAll(java.util.Arrays.asList(i.getInterfaces()));
        }
        return concreteOnly ? null : abstractOne;
    }

    // ---- targets of method handles ----

    private static boolean isClass(Class<?> c, Object o) {
        return o.getClass() == c;
    }

    private static void clearArguments(Tape t, double dOut, int n) {
        java.util.Arrays.fill(t.argAdj, 0, n, 0.0);
    }

    /** The tangent of a pullback that gives its arguments no derivative: adjoints and their tangents zero. */
    private static void clearArgumentsAndTangents(Tape t, double dOut, Tape tangents, int n) {
        java.util.Arrays.fill(t.argAdj, 0, n, 0.0);
        double[] shadow = tangents.existingShadow(t.argAdj);
        if (shadow != null) {
            java.util.Arrays.fill(shadow, 0, n, 0.0);
        }
    }

    /** The pullback of reading a box's value: the adjoint goes to the box's shadow. */
    private static void unboxPullback(Object box, Tape tape, double dOut) {
        tape.fieldShadow(box)[0] += dOut;
    }

    /** The tangent of {@link #unboxPullback}: the adjoint's tangent goes to the tangent of the box's shadow. */
    private static void unboxPullbackTangent(Object box, Tape tape, double dOut, Tape tangents) {
        double[] shadow = tape.fieldShadow(box);
        shadow[0] += dOut;
        tangents.arrayShadow(shadow)[0] += tangents.argTan[1];
    }

    /** The tangent of reading a box's value: the tangent its shadow holds. */
    private static double unboxTangent(Number box, Tape tape) {
        tape.retTan = tape.fieldShadow(box)[0];
        return box.doubleValue();
    }

    private static float unboxTangentFloat(Number box, Tape tape) {
        tape.retTan = tape.fieldShadow(box)[0];
        return box.floatValue();
    }

    private static Object rethrow(NotDifferentiableException e, Tape tape) {
        NotDifferentiableException copy = new NotDifferentiableException(e.className(), e.methodName(), e.line(),
                e.construct(), null, e);
        throw tape.poison(copy);
    }

    private static Object refuse(String className, String method, int line, String construct, String advice,
                                 Tape tape) {
        throw tape.poison(Refusals.notDifferentiable(className, method, line, construct, advice));
    }
}
