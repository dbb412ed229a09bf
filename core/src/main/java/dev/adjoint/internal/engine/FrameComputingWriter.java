package dev.adjoint.internal.engine;

import org.objectweb.asm.ClassWriter;

import dev.adjoint.internal.bytecode.ClassHierarchy;

/** A class writer that computes frames with superclass facts read from class files. */
final class FrameComputingWriter extends ClassWriter {

    private final ClassHierarchy hierarchy;

    FrameComputingWriter(ClassHierarchy hierarchy) {
        super(COMPUTE_FRAMES | COMPUTE_MAXS);
        this.hierarchy = hierarchy;
        // ASM's default (10 MB of frames per method) refuses generated code as large as EJML's unrolled det6
        // (6,000 locals); the JVM's own 64 KiB limit on a method's code bounds the work instead
        setComputeLimits(Integer.MAX_VALUE, Long.MAX_VALUE);
    }

    @Override
    protected String getCommonSuperClass(String type1, String type2) {
        return hierarchy.commonSuperClass(type1, type2);
    }
}
