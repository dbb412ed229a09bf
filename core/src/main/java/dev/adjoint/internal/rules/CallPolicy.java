package dev.adjoint.internal.rules;

import java.util.Set;

import dev.adjoint.internal.bytecode.Abi;

/**
 * Decides what the engine does with a call it meets in code it differentiates: apply a derivative {@link Rule},
 * treat the call as a box or unbox of a {@code double}, call the original method because no derivative can flow
 * through it, refuse it, or link it to the callee's derivative code.
 *
 * <p>The JDK is not transformed. A JDK method that receives a value which may carry a derivative is allowed only
 * when it is known not to compute with it (printing, string building, logging, comparisons, hashing) or only to
 * move references around (collections); anything else is refused, so that no derivative is silently dropped.
 */
public final class CallPolicy {

    /** What to do with a call. */
    public enum Kind {
        /** Differentiate with a derivative rule. */
        RULE,
        /** {@code Double.valueOf(double)} and the like: a new object whose field holds the value. */
        BOX,
        /** {@code Double.doubleValue()} and the like: a read of the box's field. */
        UNBOX,
        /** Call the original method: no derivative flows through it. */
        PASSIVE,
        /** Call the original method, but only when nothing that carries a derivative reaches it. */
        GUARDED,
        /** Link the call to the callee's derivative code at run time (user and library code). */
        LINKED,
        /** A constructor: runs as it is; it may not receive values that carry derivatives (not yet supported). */
        CONSTRUCTOR
    }

    private static final Set<String> SINK_CLASSES = Set.of(
            "java/io/PrintStream", "java/io/PrintWriter", "java/lang/String", "java/lang/StringBuilder",
            "java/lang/StringBuffer", "java/lang/AbstractStringBuilder", "java/lang/CharSequence",
            "java/lang/Integer", "java/lang/Long", "java/lang/Short", "java/lang/Byte", "java/lang/Character",
            "java/lang/Boolean", "java/util/Objects", "java/util/logging/Logger",
            "java/lang/System$Logger", "java/util/Formatter", "java/lang/Class", "java/lang/Thread$State",
            "java/util/Locale", "java/text/NumberFormat", "java/text/DecimalFormat", "java/lang/Enum",
            "java/lang/invoke/StringConcatFactory", "java/util/Random", "java/util/concurrent/ThreadLocalRandom",
            "java/lang/Runtime", "java/time/Instant", "java/time/Duration", "java/util/Optional");

    /** Final JDK classes whose methods cannot be overridden by user code: safe to call without dispatch. */
    private static final Set<String> FINAL_CLASSES = Set.of(
            "java/lang/String", "java/lang/StringBuilder", "java/lang/StringBuffer", "java/lang/Integer",
            "java/lang/Long", "java/lang/Short", "java/lang/Byte", "java/lang/Character", "java/lang/Boolean",
            "java/lang/Double", "java/lang/Float", "java/lang/Math", "java/lang/StrictMath", "java/lang/System",
            "java/util/Objects", "java/util/Arrays", "java/lang/Class", "java/util/Optional",
            "java/lang/invoke/MethodHandles", "java/util/concurrent/ThreadLocalRandom");

    private static final Set<String> DOUBLE_SINK_METHODS = Set.of(
            "toString", "toHexString", "compare", "isNaN", "isInfinite", "isFinite", "hashCode", "equals",
            "doubleToLongBits", "doubleToRawLongBits", "floatToIntBits", "floatToRawIntBits", "compareTo",
            "parseDouble", "parseFloat", "intValue", "longValue", "shortValue", "byteValue", "describeConstable");

    private static final String[] THREAD_PREFIXES = {
        "java/lang/Thread;", "java/lang/Thread$", "java/util/concurrent/", "java/lang/ThreadGroup", "java/util/Timer"
    };

    private static final String[] STREAM_PREFIXES = {"java/util/stream/", "java/util/Spliterator"};

    private static final String[] REFLECTION_PREFIXES = {
        "java/lang/reflect/", "java/lang/invoke/MethodHandle", "java/lang/invoke/VarHandle", "sun/misc/Unsafe",
        "jdk/internal/misc/Unsafe", "java/beans/"
    };

    private static final String RUNTIME = "dev/adjoint/internal/runtime/";

    /** The factory of {@code OptionalDouble}s whose value's derivative is kept like a {@code Double}'s. */
    private static final String OPTIONAL_BOX = "dev/adjoint/internal/rules/OptionalDoubles";

    private final RuleTable fixed;

    /** @param rules the rules to apply; {@code null} for the current ones, registrations included */
    public CallPolicy(RuleTable rules) {
        this.fixed = rules;
    }

    /** @return the rules this policy applies */
    public RuleTable rules() {
        return fixed != null ? fixed : RuleTable.current();
    }

    /** @return the rule for a method, or {@code null} */
    public Rule rule(String owner, String name, String descriptor) {
        return rules().find(owner, name, descriptor);
    }

    /**
     * Classifies a call from what the call instruction names, before anything is known about its arguments.
     *
     * @param opcode     the invoke opcode
     * @param owner      the owner named by the instruction
     * @param name       the method name
     * @param descriptor the method descriptor
     * @return the kind of handling
     */
    public Kind classify(int opcode, String owner, String name, String descriptor) {
        if (name.indexOf(dev.adjoint.internal.bytecode.Abi.LOWERING_MARK) >= 0) {
            return Kind.LINKED; // derivative code calling derivative code, itself being differentiated
        }
        if (rules().find(owner, name, descriptor) != null) {
            return Kind.RULE;
        }
        if (("java/lang/Double".equals(owner) && "valueOf".equals(name) && "(D)Ljava/lang/Double;".equals(descriptor))
                || ("java/lang/Float".equals(owner) && "valueOf".equals(name)
                    && "(F)Ljava/lang/Float;".equals(descriptor))) {
            return Kind.BOX;
        }
        if (OPTIONAL_BOX.equals(owner) && "valueOf".equals(name)) {
            return Kind.BOX;
        }
        if (("java/lang/Double".equals(owner) || "java/lang/Float".equals(owner))
                && ("doubleValue".equals(name) || "floatValue".equals(name)) && descriptor.startsWith("()")) {
            return Kind.UNBOX;
        }
        if ("java/util/OptionalDouble".equals(owner) && ("getAsDouble".equals(name) || "orElseThrow".equals(name))
                && "()D".equals(descriptor)) {
            return Kind.UNBOX; // an OptionalDouble made by OptionalDoubles.valueOf is a box
        }
        if (owner.startsWith("[")) {
            // clone() of an array: floating-point arrays have a replacement; others only copy references or integers
            return "[D".equals(owner) || "[F".equals(owner) ? Kind.GUARDED : Kind.PASSIVE;
        }
        if ("<init>".equals(name)) {
            return isJdk(owner) && (isSink(owner, name) || SINK_CLASSES.contains(owner)
                    || movesReferences(owner, name, descriptor)) ? Kind.PASSIVE : Kind.CONSTRUCTOR;
        }
        if (owner.startsWith(RUNTIME) && !Abi.TAPE_RULES.equals(owner)) {
            // the runtime that generated code calls: shadows, allocation, refusals (what moves numbers has a
            // substitute); reached when generated code is itself differentiated
            return Kind.PASSIVE;
        }
        if (!isJdk(owner)) {
            return Kind.LINKED;
        }
        if (callsBack(owner, descriptor) || owner.startsWith("java/util/stream/")) {
            // a collection, Optional or Objects method that may call a lambda of differentiated code: linked, so
            // that the lambda's derivative code runs when it is called back (runtime.Callbacks)
            return Kind.LINKED;
        }
        if (isSink(owner, name) && !takesCallback(descriptor)) {
            // printing, strings, logging, hashing: no derivative leaves them, whatever class implements them; a
            // callback they take (String.transform, a Supplier of a log message) is code that may compute
            return Kind.PASSIVE;
        }
        boolean staticallyBound = opcode == org.objectweb.asm.Opcodes.INVOKESTATIC
                || opcode == org.objectweb.asm.Opcodes.INVOKESPECIAL || FINAL_CLASSES.contains(owner);
        if (!staticallyBound) {
            return Kind.LINKED; // a user class may implement or extend it: dispatch at run time
        }
        return Kind.GUARDED;
    }

    /**
     * Whether a JDK method is known not to compute with the values it receives in a way that could carry a
     * derivative (printing, strings, comparisons, hashing, logging, reading a clock).
     */
    public static boolean isSink(String owner, String name) {
        if (SINK_CLASSES.contains(owner)) {
            return !"java/util/Random".equals(owner) || !name.startsWith("set");
        }
        if ("java/lang/Double".equals(owner) || "java/lang/Float".equals(owner)) {
            return DOUBLE_SINK_METHODS.contains(name);
        }
        if ("java/lang/Object".equals(owner)) {
            return "toString".equals(name) || "hashCode".equals(name) || "equals".equals(name)
                    || "getClass".equals(name) || "<init>".equals(name);
        }
        if ("java/util/Arrays".equals(owner)) {
            return "toString".equals(name) || "deepToString".equals(name) || "equals".equals(name)
                    || "deepEquals".equals(name) || "hashCode".equals(name) || "deepHashCode".equals(name)
                    || "binarySearch".equals(name) || "compare".equals(name) || "mismatch".equals(name);
        }
        if ("java/lang/System".equals(owner)) {
            return "nanoTime".equals(name) || "currentTimeMillis".equals(name) || "identityHashCode".equals(name)
                    || "getProperty".equals(name) || "getenv".equals(name) || "lineSeparator".equals(name);
        }
        return false;
    }

    /**
     * Whether a JDK method only stores, finds and returns references it is given (the collections), so that the
     * derivatives of the objects it holds stay with those objects.
     */
    public static boolean movesReferences(String owner, String name, String descriptor) {
        if (!owner.startsWith("java/util/") || owner.startsWith("java/util/concurrent/")
                || owner.startsWith("java/util/stream/") || owner.startsWith("java/util/function/")) {
            return false;
        }
        if (descriptor.contains("Ljava/util/function/") || name.equals("stream") || name.equals("parallelStream")
                || name.equals("spliterator") || name.equals("forEach") || name.equals("forEachRemaining")) {
            return false;
        }
        if (owner.endsWith("SummaryStatistics") && "combine".equals(name)) {
            // it computes with the numbers the other statistics hold
            return false;
        }
        return !"java/util/Arrays".equals(owner) || "asList".equals(name) || copiesReferences(name, descriptor);
    }

    /**
     * {@code Arrays.fill}, {@code copyOf} and {@code copyOfRange} of an array of references (a {@code double[][]}'s
     * rows, a table of objects): they store the references they are given, as a collection does. Their versions
     * for arrays of numbers compute with numbers and have substitutes ({@code ArrayReplacements}).
     */
    private static boolean copiesReferences(String name, String descriptor) {
        if (!"fill".equals(name) && !"copyOf".equals(name) && !"copyOfRange".equals(name)) {
            return false;
        }
        org.objectweb.asm.Type array = org.objectweb.asm.Type.getArgumentTypes(descriptor)[0];
        return array.getSort() == org.objectweb.asm.Type.ARRAY && array.getDimensions() == 1
                && array.getElementType().getSort() == org.objectweb.asm.Type.OBJECT;
    }

    /**
     * Whether a JDK method of {@code java.util} (collections, {@code Optional}, {@code Objects}; not streams or
     * concurrency) takes a callback: a functional interface of {@code java.util.function}, a {@code Comparator}, a
     * {@code Runnable} or a {@code Callable}. Such a call runs with its callbacks followed (runtime.Callbacks).
     */
    public static boolean callsBack(String owner, String descriptor) {
        if (!owner.startsWith("java/util/") && !"java/lang/Iterable".equals(owner) || owner.startsWith("java/util/concurrent/")
                || owner.startsWith("java/util/stream/") || owner.startsWith("java/util/function/")
                || owner.startsWith("java/util/Spliterator")) {
            return false;
        }
        return takesCallback(descriptor);
    }

    /** @return whether a method descriptor takes a {@linkplain #isCallbackType callback} */
    public static boolean takesCallback(String descriptor) {
        for (org.objectweb.asm.Type t : org.objectweb.asm.Type.getArgumentTypes(descriptor)) {
            if (isCallbackType(t.getDescriptor())) {
                return true;
            }
        }
        return false;
    }

    /** @return whether a type descriptor names an interface whose instances JDK code calls back */
    public static boolean isCallbackType(String descriptor) {
        return descriptor.startsWith("Ljava/util/function/") || "Ljava/util/Comparator;".equals(descriptor)
                || "Ljava/lang/Runnable;".equals(descriptor) || "Ljava/util/concurrent/Callable;".equals(descriptor);
    }

    /**
     * Whether a JDK method that takes callbacks ({@link #callsBack}) otherwise only stores, finds and returns the
     * references it is given, so that it may receive objects that carry derivatives while its callbacks are
     * followed.
     */
    public static boolean movesReferencesAndCallsBack(String owner, String name, String descriptor) {
        boolean sequentialStream = owner.startsWith("java/util/stream/")
                || "stream".equals(name) && owner.startsWith("java/util/") && !owner.startsWith("java/util/concurrent/");
        return (callsBack(owner, descriptor) || sequentialStream)
                && (!"java/util/Arrays".equals(owner) || holdsReferences(descriptor))
                && !isParallel(owner, name) && (!name.equals("spliterator") || isNumberStream(owner));
    }

    /**
     * Whether an {@code Arrays} method works on an array of references ({@code sort} or {@code binarySearch} of
     * objects with a comparator, {@code setAll} of objects): it moves the references and calls back, as a list's
     * {@code sort} does. Its versions for arrays of numbers compute with numbers.
     */
    private static boolean holdsReferences(String descriptor) {
        org.objectweb.asm.Type[] args = org.objectweb.asm.Type.getArgumentTypes(descriptor);
        return args.length > 0 && args[0].getSort() == org.objectweb.asm.Type.ARRAY
                && (args[0].getDimensions() > 1 || args[0].getElementType().getSort() == org.objectweb.asm.Type.OBJECT);
    }

    /**
     * Whether a class is a stream of numbers of the JDK: in differentiated code its elements carry no derivatives
     * (rules.StreamReplacements gives differentiated code streams of its own), only its callbacks may, and those
     * run in a frame when the elements are read, through its spliterator too.
     */
    private static boolean isNumberStream(String owner) {
        return owner.startsWith("java/util/stream/Int") || owner.startsWith("java/util/stream/Long")
                || owner.startsWith("java/util/stream/Double");
    }

    /**
     * Whether a call makes a stream parallel ({@code parallelStream}, {@code parallel}, {@code Arrays.parallelSetAll}):
     * its callbacks would run on other threads, where derivative code does not follow them.
     */
    public static boolean isParallel(String owner, String name) {
        return owner.startsWith("java/util/") && name.startsWith("parallel");
    }

    /** @return whether any method of the class may run callbacks of a stream pipeline */
    public static boolean isStreamClass(String owner) {
        return owner.startsWith("java/util/stream/");
    }

    /**
     * Whether an {@code invokedynamic} only inspects its arguments: string concatenation, pattern-matching
     * switches, and the {@code equals}/{@code hashCode}/{@code toString} of records.
     *
     * @param bootstrapOwner the owner of the call site's bootstrap method
     */
    public static boolean isPassiveBootstrap(String bootstrapOwner) {
        return "java/lang/invoke/StringConcatFactory".equals(bootstrapOwner)
                || "java/lang/runtime/SwitchBootstraps".equals(bootstrapOwner)
                || "java/lang/runtime/ObjectMethods".equals(bootstrapOwner);
    }

    /** @return whether a JDK method reads the value of a box that may carry a derivative */
    public static boolean unboxes(String owner, String name) {
        return ("java/lang/Double".equals(owner) || "java/lang/Float".equals(owner))
                && ("doubleValue".equals(name) || "floatValue".equals(name));
    }

    /** @return whether a class belongs to the JDK, which the engine does not transform */
    public static boolean isJdk(String internalName) {
        return internalName.startsWith("java/") || internalName.startsWith("javax/")
                || internalName.startsWith("jdk/") || internalName.startsWith("sun/")
                || internalName.startsWith("com/sun/");
    }

    /**
     * Describes a JDK call that may not receive a value that carries a derivative.
     *
     * @return the construct, as it appears in a {@code NotDifferentiableException}
     */
    public static String blockedConstruct(String owner, String name, boolean isNative) {
        String method = owner.replace('/', '.') + "." + name;
        if (isThread(owner) || isStream(owner) && name.toLowerCase(java.util.Locale.ROOT).contains("parallel")) {
            return "a value that carries a derivative passed to another thread (" + method + ")";
        }
        if (isStream(owner)) {
            return "a value that carries a derivative passed to a stream (" + method + "), which Adjoint does not "
                    + "differentiate";
        }
        for (String p : REFLECTION_PREFIXES) {
            if (owner.startsWith(p)) {
                return "a value that carries a derivative passed through reflection (" + method + ")";
            }
        }
        if (isNative) {
            return "a value that carries a derivative passed to the native method " + method;
        }
        return "a value that carries a derivative passed to " + method + ", a JDK method without a derivative rule";
    }

    private static boolean isThread(String owner) {
        for (String p : THREAD_PREFIXES) {
            if ((owner + ";").startsWith(p) || owner.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isStream(String owner) {
        for (String p : STREAM_PREFIXES) {
            if (owner.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** The advice that goes with {@link #blockedConstruct}. */
    public static String blockedAdvice(String owner) {
        return blockedAdvice(owner, owner, null);
    }

    /**
     * The advice that goes with {@link #blockedConstruct}. A {@code @Substitute} takes effect for calls that name
     * the method as its rule does, so the advice names the method as the call names it.
     *
     * @param owner     the class that declares the method
     * @param siteOwner the class the call instruction names
     * @param name      the method's name, or {@code null}
     */
    public static String blockedAdvice(String owner, String siteOwner, String name) {
        String rule = name == null ? "" : " (a @Substitute for " + siteOwner.replace('/', '.') + "." + name
                + ", the method as the call names it)";
        if (isThread(owner)) {
            return "Compute the gradient on one thread, or call AD.gradient inside each task";
        }
        if (isStream(owner) && name != null && (name.equals("iterate") || name.equals("generate"))) {
            return "An infinite stream stays the JDK's: give iterate a condition to stop "
                    + "(DoubleStream.iterate(seed, hasNext, next)), or write the loop";
        }
        if (isStream(owner)) {
            return "Write the pipeline as a loop, or declare a derivative rule" + rule;
        }
        return "Declare a derivative rule" + rule + ", or keep values that carry derivatives away from it";
    }
}
