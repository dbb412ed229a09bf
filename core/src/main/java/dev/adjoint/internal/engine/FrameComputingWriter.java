package dev.adjoint.internal.engine;

import org.objectweb.asm.ClassWriter;

/** A class writer that computes frames with superclass facts read from class files. */
final class FrameComputingWriter extends ClassWriter {

    private final ClassHierarchy hierarchy;

    FrameComputingWriter(ClassHierarchy hierarchy) {
        super(COMPUTE_FRAMES | COMPUTE_MAXS);
        this.hierarchy = hierarchy;
    }

    @Override
    protected String getCommonSuperClass(String type1, String type2) {
        return hierarchy.commonSuperClass(type1, type2);
    }
}
