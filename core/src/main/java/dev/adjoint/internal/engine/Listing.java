package dev.adjoint.internal.engine;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.TraceClassVisitor;

/** Readable forms of generated code. */
public final class Listing {

    private Listing() {
    }

    /** Appends the generated class as ASM's textual bytecode, with line numbers. */
    static void appendBytecode(StringBuilder sb, byte[] bytes) {
        sb.append(bytecode(bytes));
    }

    /** @return the class as ASM's textual bytecode */
    public static String bytecode(byte[] bytes) {
        StringWriter w = new StringWriter();
        new ClassReader(bytes).accept(new TraceClassVisitor(new PrintWriter(w)), 0);
        return w.toString();
    }
}
