package dev.adjoint.internal.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.JSRInlinerAdapter;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;

import dev.adjoint.internal.activity.Activity;
import dev.adjoint.internal.activity.ActivityAnalysis;
import dev.adjoint.internal.ir.LocalSplitter;
import dev.adjoint.internal.ir.MethodFlow;
import dev.adjoint.internal.forward.TangentEmitter;
import dev.adjoint.internal.plan.Abi;
import dev.adjoint.internal.plan.CompanionMembers;
import dev.adjoint.internal.plan.ConstructorAnalysis;
import dev.adjoint.internal.plan.DerivativePlan;
import dev.adjoint.internal.plan.PlanListing;
import dev.adjoint.internal.reverse.ReverseTransform;
import dev.adjoint.internal.rules.CallPolicy;
import dev.adjoint.internal.rules.Replacements;

/**
 * The one path through the engine: class bytes in, companion bytes out. The agent, the {@code ad} command and the
 * runtime all call it and differ only in what they do with the result.
 *
 * <p>A companion holds the derivative code of a method and of the methods of the same class it calls directly
 * (static and private ones), so that recursion within a class is a direct call.
 */
public final class Engine {

    /** Version of the generated code; part of every cache key. */
    public static final String VERSION = "0.1.0-1";

    /** The suffix of companion class names. */
    public static final String COMPANION_SUFFIX = "$$Adjoint";

    /** Which derivative code a companion holds. */
    public enum Mode {
        /** Reverse mode: augmented primals and pullbacks. */
        REVERSE,
        /** Forward mode: tangent methods. */
        TANGENT
    }

    private final CallPolicy policy;
    private final boolean listing;

    /**
     * @param policy  how calls are handled
     * @param listing whether to produce a readable listing with each companion
     */
    public Engine(CallPolicy policy, boolean listing) {
        this.policy = policy;
        this.listing = listing;
    }

    /** @return an engine with the built-in rules */
    public static Engine standard(boolean listing) {
        return new Engine(new CallPolicy(null), listing);
    }

    public CallPolicy policy() {
        return policy;
    }

    /**
     * Generates the companion of one method and the methods of its class it calls directly.
     *
     * @param hostBytes the class file of the host
     * @param name      the method's name
     * @param desc      the method's descriptor
     * @param hierarchy class facts for frame computation
     * @return the companion
     * @throws TransformException when the method cannot be transformed, with the reason
     */
    public Companion generate(byte[] hostBytes, String name, String desc, ClassHierarchy hierarchy)
            throws TransformException {
        return generate(hostBytes, name, desc, hierarchy, Mode.REVERSE);
    }

    /**
     * Generates the companion of one method in one mode.
     *
     * @see #generate(byte[], String, String, ClassHierarchy)
     */
    public Companion generate(byte[] hostBytes, String name, String desc, ClassHierarchy hierarchy, Mode mode)
            throws TransformException {
        ClassNode host = read(hostBytes);
        return generate(host, name, desc, host.name + COMPANION_SUFFIX, hierarchy, mode);
    }

    /**
     * Generates a companion from a class already in tree form (used for synthetic entry adapters).
     */
    public Companion generate(ClassNode host, String name, String desc, String companionName,
                              ClassHierarchy hierarchy, Mode mode) throws TransformException {
        MethodNode root = find(host, name, desc);
        if (root == null) {
            throw new TransformException(host.name, name, -1, "no method " + name + desc + " in " + host.name);
        }
        if ((root.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
            throw new TransformException(host.name, name, -1, (root.access & Opcodes.ACC_NATIVE) != 0
                    ? "a native method without a derivative rule" : "an abstract method has no code");
        }
        if (!Replacements.isReplacementClass(host.name)) {
            Replacements replacements = new Replacements(policy.rules());
            for (MethodNode m : host.methods) {
                replacements.apply(m);
            }
        }
        Map<String, MethodNode> closure = closure(host, root);
        Map<String, String[]> names = names(closure);
        CompanionMembers directory = new CompanionMembers(host.name, companionName, names);
        ClassNode out = new ClassNode();
        out.visit(Opcodes.V17, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC, companionName, null,
                "java/lang/Object", null);
        out.visitSource(host.sourceFile, null);
        List<Companion.Member> members = new ArrayList<>();
        StringBuilder text = listing ? new StringBuilder() : null;
        List<DerivativePlan> plans = listing ? new ArrayList<>() : null;
        ActivityAnalysis activity = new ActivityAnalysis(policy);
        for (MethodNode m : closure.values()) {
            MethodFlow flow;
            try {
                LocalSplitter.split(m);
                Lambdas.redirect(host.name, m);
                flow = MethodFlow.analyze(host.name, m);
            } catch (AnalyzerException e) {
                int line = -1;
                throw new TransformException(host.name, m.name, line, "its bytecode does not verify: " + e.getMessage());
            } catch (RuntimeException e) {
                throw new TransformException(host.name, m.name, -1, "analysis failed: " + e);
            }
            Activity act = activity.analyze(flow);
            String[] n = names.get(m.name + m.desc);
            try {
                DerivativePlan plan = new DerivativePlan(host.name, flow, act, policy, directory,
                        new ConstructorAnalysis(hierarchy.bytes(), policy));
                if (text != null) {
                    PlanListing.append(text, plan);
                    plans.add(plan);
                }
                if (mode == Mode.REVERSE) {
                    ReverseTransform.Result r = ReverseTransform.transform(plan, n[0], n[1]);
                    out.methods.add(r.forward);
                    out.methods.add(r.reverse);
                    if (r.unwinding != null) {
                        out.methods.add(r.unwinding);
                    }
                } else {
                    out.methods.add(new TangentEmitter(plan, n[2]).emit());
                }
            } catch (RuntimeException e) {
                throw new TransformException(host.name, m.name, -1, "transformation failed: " + e);
            }
            members.add(new Companion.Member(m.name, m.desc, (m.access & Opcodes.ACC_STATIC) != 0, n[0],
                    Abi.fwdDescriptor(host.name, m.access, m.desc), n[1], n[2]));
        }
        byte[] bytes;
        try {
            FrameComputingWriter writer = new FrameComputingWriter(hierarchy);
            out.accept(writer);
            bytes = writer.toByteArray();
        } catch (RuntimeException e) {
            throw new TransformException(host.name, name, -1, "generated code could not be written: " + e);
        }
        if (text != null) {
            Listing.appendBytecode(text, bytes);
        }
        return new Companion(host.name, companionName, bytes, members, text == null ? null : text.toString(), plans);
    }

    /** Reads a class, inlining the subroutines ({@code jsr}/{@code ret}) of old class files. */
    public static ClassNode read(byte[] bytes) {
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, ClassReader.SKIP_FRAMES);
        for (int i = 0; i < node.methods.size(); i++) {
            MethodNode m = node.methods.get(i);
            if (hasSubroutines(m)) {
                MethodNode inlined = new MethodNode(Opcodes.ASM9, m.access, m.name, m.desc, m.signature,
                        m.exceptions.toArray(new String[0]));
                m.accept(new JSRInlinerAdapter(inlined, m.access, m.name, m.desc, m.signature,
                        m.exceptions.toArray(new String[0])));
                node.methods.set(i, inlined);
            }
        }
        return node;
    }

    private static boolean hasSubroutines(MethodNode m) {
        for (AbstractInsnNode insn : m.instructions) {
            if (insn.getOpcode() == Opcodes.JSR || insn.getOpcode() == Opcodes.RET) {
                return true;
            }
        }
        return false;
    }

    static MethodNode find(ClassNode c, String name, String desc) {
        for (MethodNode m : c.methods) {
            if (m.name.equals(name) && m.desc.equals(desc)) {
                return m;
            }
        }
        return null;
    }

    /** The method and the methods of its class it reaches by direct calls: static, private and special ones. */
    private Map<String, MethodNode> closure(ClassNode host, MethodNode root) {
        Map<String, MethodNode> out = new LinkedHashMap<>();
        Deque<MethodNode> work = new ArrayDeque<>();
        out.put(root.name + root.desc, root);
        work.add(root);
        while (!work.isEmpty()) {
            MethodNode m = work.poll();
            for (AbstractInsnNode insn : m.instructions) {
                if (!(insn instanceof MethodInsnNode)) {
                    continue;
                }
                MethodInsnNode mi = (MethodInsnNode) insn;
                if (!mi.owner.equals(host.name) || mi.name.startsWith("<")) {
                    continue;
                }
                MethodNode target = find(host, mi.name, mi.desc);
                if (target == null || (target.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                    continue;
                }
                boolean direct = mi.getOpcode() == Opcodes.INVOKESTATIC
                        || (target.access & Opcodes.ACC_PRIVATE) != 0;
                if (!direct || policy.classify(mi.getOpcode(), mi.owner, mi.name, mi.desc)
                        != CallPolicy.Kind.LINKED) {
                    continue;
                }
                if (out.putIfAbsent(mi.name + mi.desc, target) == null) {
                    work.add(target);
                }
            }
        }
        return out;
    }

    private static Map<String, String[]> names(Map<String, MethodNode> closure) {
        Map<String, String[]> names = new LinkedHashMap<>();
        Map<String, Integer> used = new LinkedHashMap<>();
        for (MethodNode m : closure.values()) {
            String base = m.name.replace('<', '_').replace('>', '_');
            int k = used.merge(base, 1, Integer::sum) - 1;
            String suffix = k == 0 ? "" : "$" + k;
            names.put(m.name + m.desc, new String[] {base + suffix + "$fwd", base + suffix + "$rev", base + suffix + "$tan"});
        }
        return names;
    }
}
