package dev.adjoint.internal.runtime;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.SimpleVerifier;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Verifies generated classes with ASM before they are defined: structure ({@link CheckClassAdapter}) and types
 * (a data-flow verifier that resolves classes through the host's loader). Used in tests and when
 * {@code adjoint.verify} is set, since a bad class defined into the boot loader crashes instead of failing.
 *
 * <p>ASM's data flow keeps a frame of every local and stack slot at every instruction. Methods whose frames would
 * exceed {@link #MAX_FRAME_SLOTS} (EJML's unrolled {@code det6} would need a gigabyte) are checked for structure
 * only and left to the JVM's verifier, which the test JVMs run on every class and which uses the stack map frames.
 */
public final class CompanionVerifier {

    /** No limit on ASM's memory for frames: generated methods as large as EJML's det5 exceed its 10 MB default. */
    private static final int MAX_BYTES = Integer.MAX_VALUE;
    private static final long MAX_OPERATIONS = Long.MAX_VALUE;

    /** Instructions times slots beyond which a method's data flow is left to the JVM: some 256 MB of frames. */
    static final long MAX_FRAME_SLOTS = 1L << 26;

    private CompanionVerifier() {
    }

    /**
     * @param bytes  the class file
     * @param loader the loader that resolves the classes it names
     * @throws IllegalStateException with a listing of the first failing method
     */
    public static void verify(byte[] bytes, ClassLoader loader) {
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(new CheckClassAdapter(node, false), 0);
        Type self = Type.getObjectType(node.name);
        Type superType = node.superName == null ? null : Type.getObjectType(node.superName);
        for (MethodNode m : node.methods) {
            if ((long) m.instructions.size() * (m.maxLocals + m.maxStack) > MAX_FRAME_SLOTS) {
                continue;
            }
            SimpleVerifier verifier = new SimpleVerifier(self, superType, List.of(), false);
            verifier.setClassLoader(loader);
            try {
                Analyzer<BasicValue> analyzer = new Analyzer<>(verifier);
                analyzer.setComputeLimits(MAX_BYTES, MAX_OPERATIONS);
                analyzer.analyze(node.name, m);
            } catch (AnalyzerException e) {
                StringWriter w = new StringWriter();
                PrintWriter pw = new PrintWriter(w);
                pw.println("generated method " + node.name + "." + m.name + m.desc + " does not verify: "
                        + e.getMessage());
                CheckClassAdapter.verify(new ClassReader(bytes), loader, false, pw, MAX_BYTES, MAX_OPERATIONS);
                throw new IllegalStateException(w.toString(), e);
            }
        }
    }
}
