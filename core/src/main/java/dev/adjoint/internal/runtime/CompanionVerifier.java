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
 */
public final class CompanionVerifier {

    /** No limit on ASM's memory for frames: generated methods as large as EJML's det6 exceed its 10 MB default. */
    private static final int MAX_BYTES = Integer.MAX_VALUE;
    private static final long MAX_OPERATIONS = Long.MAX_VALUE;

    private CompanionVerifier() {
    }

    /**
     * @param bytes  the class file
     * @param loader the loader that resolves the classes it names
     * @throws IllegalStateException with a listing of the first failing method
     */
    public static void verify(byte[] bytes, ClassLoader loader) {
        ClassNode node = new ClassNode();
        CheckClassAdapter check = new CheckClassAdapter(node, true);
        check.setComputeLimits(MAX_BYTES, MAX_OPERATIONS);
        new ClassReader(bytes).accept(check, 0);
        Type self = Type.getObjectType(node.name);
        Type superType = node.superName == null ? null : Type.getObjectType(node.superName);
        for (MethodNode m : node.methods) {
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
