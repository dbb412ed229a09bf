package dev.adjoint.internal.activity;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;

import dev.adjoint.internal.ir.FlowValue;
import dev.adjoint.internal.ir.MethodFlow;
import dev.adjoint.internal.rules.CallPolicy;

/**
 * Follows values that carry a derivative in disguise, where the engine does not see a number: the bits of a
 * {@code double} in an integer ({@code doubleToRawLongBits}), and text made from a number ({@code "" + x},
 * {@code Double.toString}, a {@code StringBuilder}, {@code String.format}). Either can be turned back into a number
 * whose derivative would silently be zero. A disguised value may be compared, hashed and printed; the analysis marks
 * the instructions where it becomes a number again, or leaves the method for code the analysis cannot see (another
 * method, a return, the heap), so that they refuse when a gradient reaches them.
 */
final class DisguisedDerivatives implements Opcodes {

    /**
     * Bits in an integer; bits with low mantissa bits cleared (a truncation, see {@link #truncates}); text; an
     * {@code Object[]} that holds a boxed number (text once it is formatted).
     */
    private enum Disguise { BITS, TRUNCATED, TEXT, CARRIER }

    /** Classes whose methods make text from their arguments. */
    private static final Set<String> TEXT_CLASSES = Set.of(
            "java/lang/String", "java/lang/StringBuilder", "java/lang/StringBuffer", "java/lang/AbstractStringBuilder",
            "java/lang/CharSequence", "java/lang/Double", "java/lang/Float", "java/lang/Objects",
            "java/util/Objects", "java/util/Formatter", "java/text/NumberFormat", "java/text/DecimalFormat",
            "java/text/Format", "java/math/BigDecimal", "java/lang/Object", "java/util/Arrays");

    private final MethodFlow flow;
    private final Activity a;
    private final Disguise[] kind;
    private final Deque<Integer> work = new ArrayDeque<>();
    private final boolean trusted;

    DisguisedDerivatives(MethodFlow flow, Activity a) {
        this.flow = flow;
        this.a = a;
        this.kind = new Disguise[flow.nodeCount()];
        this.trusted = dev.adjoint.internal.rules.Replacements.isReplacementClass(flow.owner());
    }

    void analyze() {
        for (int i = 0; i < flow.size(); i++) {
            if (flow.frame(i) == null) {
                continue;
            }
            AbstractInsnNode insn = flow.insn(i);
            if (insn instanceof MethodInsnNode && isToBits((MethodInsnNode) insn) && anyNumberCarries(i)) {
                mark(i, Disguise.BITS);
            } else if (makesText(insn) && anyNumberCarries(i)) {
                madeText(i);
                if (insn.getOpcode() == INVOKEVIRTUAL) {
                    builderHolds(i);
                }
            } else if (insn.getOpcode() == AASTORE && numberCarries(flow.operands(i)[2])) {
                // a box in an Object[], as String.format's arguments are passed
                for (int p : flow.producers(flow.operands(i)[0])) {
                    mark(p, Disguise.CARRIER);
                }
            }
        }
        while (!work.isEmpty()) {
            int p = work.poll();
            Disguise d = kind[p];
            for (MethodFlow.Use u : flow.uses(p)) {
                if (d == Disguise.TEXT) {
                    followText(u);
                } else if (d == Disguise.TRUNCATED) {
                    followTruncated(u);
                } else if (d == Disguise.BITS) {
                    followBits(u);
                } else {
                    followCarrier(u);
                }
            }
        }
    }

    private void followBits(MethodFlow.Use u) {
        int c = u.consumer;
        AbstractInsnNode insn = flow.insn(c);
        if (truncates(c, u.operand)) {
            mark(c, Disguise.TRUNCATED);
        } else if (isFromBits(insn)) {
            if (a.useful[c]) {
                lost(c, "bit reinterpretation of a value that carries a derivative (" + describe(insn) + ")");
            }
        } else if (insn instanceof MethodInsnNode && returnsInteger((MethodInsnNode) insn)) {
            // integer code of a library (FastMath.abs(long) in Precision.equals): its result holds the bits now
            mark(c, Disguise.BITS);
        } else if (leaves(c, u.operand) != null) {
            lost(c, "the bits of a value that carries a derivative " + leaves(c, u.operand) + ", where they may be "
                    + "turned back into a number");
        } else if (producesInteger(c)) {
            mark(c, Disguise.BITS);
        }
    }

    /**
     * Truncated bits turned back into a number ({@code longBitsToDouble}) give the value rounded toward zero, a step
     * function whose derivative is zero almost everywhere, as {@code Math.floor}'s is: nothing is lost. This is how
     * {@code MathArrays.linearCombination} (Commons Math, Hipparchus) splits a factor into high and low halves for
     * exact products; the low half, {@code a - high}, keeps the whole derivative. Anything else done with them is
     * done with bits.
     */
    private void followTruncated(MethodFlow.Use u) {
        AbstractInsnNode insn = flow.insn(u.consumer);
        int op = insn.getOpcode();
        if (op == LSTORE || op == LLOAD || op == ISTORE || op == ILOAD) {
            mark(u.consumer, Disguise.TRUNCATED);
        } else if (!(isFromBits(insn) && op == INVOKESTATIC)) {
            followBits(u);
        }
    }

    /**
     * Whether instruction {@code c} masks the bits at {@code operand} with a constant that keeps the sign and the
     * exponent and clears some of the mantissa: the bits of the value rounded toward zero to fewer digits.
     */
    private boolean truncates(int c, int operand) {
        int op = flow.insn(c).getOpcode();
        if (op != LAND && op != IAND) {
            return false;
        }
        int[] producers = flow.producers(flow.operands(c)[1 - operand]);
        if (producers.length != 1 || !(flow.insn(producers[0]) instanceof org.objectweb.asm.tree.LdcInsnNode)) {
            return false;
        }
        Object mask = ((org.objectweb.asm.tree.LdcInsnNode) flow.insn(producers[0])).cst;
        if (mask instanceof Long) {
            long m = (Long) mask;
            return m != -1L && (m & 0xFFF0000000000000L) == 0xFFF0000000000000L;
        }
        if (mask instanceof Integer) {
            int m = (Integer) mask;
            return m != -1 && (m & 0xFF800000) == 0xFF800000;
        }
        return false;
    }

    private void followText(MethodFlow.Use u) {
        int c = u.consumer;
        AbstractInsnNode insn = flow.insn(c);
        int op = insn.getOpcode();
        if (isParse(insn)) {
            lost(c, "a number turned into text and parsed back (" + describe(insn) + ")");
        } else if (op == ASTORE || op == ALOAD || op == CHECKCAST || op == DUP || op == DUP_X1 || op == DUP_X2
                || op == DUP2 || op == SWAP) {
            mark(c, Disguise.TEXT);
        } else if (makesText(insn)) {
            Type ret = returnType(insn);
            if (ret.getSort() == Type.OBJECT || ret.getSort() == Type.ARRAY) {
                madeText(c);
            } else if (insn instanceof MethodInsnNode && (ret.getSort() == Type.INT || ret.getSort() == Type.CHAR
                    || ret.getSort() == Type.LONG) && isCharacterRead(((MethodInsnNode) insn).name)) {
                mark(c, Disguise.BITS); // its characters, as a parser written by hand reads them
            }
            if (u.operand > 0 && insn.getOpcode() == INVOKEVIRTUAL) {
                builderHolds(c);
            }
        } else if (leaves(c, u.operand) != null) {
            lost(c, "text made from a value that carries a derivative " + leaves(c, u.operand)
                    + ", where it may be parsed back into a number");
        }
    }

    /**
     * The receiver of call {@code c} (a builder that text was appended to) holds the text now: it and every value
     * it was copied from, back to where it was made, so that later reads of the builder are text too.
     */
    private void builderHolds(int c) {
        Deque<Integer> origins = new ArrayDeque<>();
        for (int p : flow.producers(flow.operands(c)[0])) {
            origins.add(p);
        }
        java.util.BitSet seen = new java.util.BitSet();
        while (!origins.isEmpty()) {
            int p = origins.poll();
            if (seen.get(p)) {
                continue;
            }
            seen.set(p);
            mark(p, Disguise.TEXT);
            if (flow.isParameterNode(p)) {
                continue;
            }
            int op = flow.insn(p).getOpcode();
            if (op == ALOAD || op == ASTORE || op == CHECKCAST) {
                for (FlowValue v : flow.operands(p)) {
                    for (int q : flow.producers(v)) {
                        origins.add(q);
                    }
                }
            }
        }
    }

    private void followCarrier(MethodFlow.Use u) {
        int c = u.consumer;
        AbstractInsnNode insn = flow.insn(c);
        int op = insn.getOpcode();
        if (op == ASTORE || op == ALOAD || op == CHECKCAST || op == DUP) {
            mark(c, Disguise.CARRIER);
        } else if (makesText(insn)) {
            madeText(c);
        }
    }

    /** Where a disguised value goes that the analysis cannot follow, or {@code null}. */
    private String leaves(int c, int operand) {
        if (trusted) {
            return null; // the engine's substitutes and users' rules: their sorting keys only order
        }
        AbstractInsnNode insn = flow.insn(c);
        int op = insn.getOpcode();
        if (op >= IRETURN && op <= ARETURN) {
            return "returned from the method";
        }
        if (op == PUTFIELD && operand == 1 || op == PUTSTATIC || op == IASTORE && operand == 2
                || op == LASTORE && operand == 2 || op == AASTORE && operand == 2 || op == CASTORE && operand == 2) {
            return "stored in the heap";
        }
        if (insn instanceof MethodInsnNode) {
            MethodInsnNode mi = (MethodInsnNode) insn;
            if (!CallPolicy.isJdk(mi.owner) && !mi.owner.startsWith("dev/adjoint/internal/runtime/")
                    && !("<init>".equals(mi.name) && (isThrowableName(mi.owner) || thrown(c)))) {
                return "passed to " + describe(insn);
            }
            if (mi.owner.startsWith("java/util/") && !TEXT_CLASSES.contains(mi.owner)
                    && !mi.owner.startsWith("java/util/logging/")) {
                return "passed to " + describe(insn); // kept in a collection, and read back elsewhere
            }
        }
        return null;
    }

    /** Whether the object that constructor call {@code c} initializes is thrown (an exception's message). */
    private boolean thrown(int c) {
        for (int p : flow.producers(flow.operands(c)[0])) {
            for (MethodFlow.Use u : flow.uses(p)) {
                if (flow.insn(u.consumer).getOpcode() == ATHROW) {
                    return true;
                }
            }
        }
        return false;
    }

    /** An exception's message may name the value: constructing the exception is not parsing it. */
    private static boolean isThrowableName(String owner) {
        return owner.endsWith("Exception") || owner.endsWith("Error");
    }

    private void madeText(int i) {
        mark(i, Disguise.TEXT);
    }

    private void mark(int p, Disguise d) {
        if (kind[p] == d || kind[p] == Disguise.TEXT || kind[p] == Disguise.BITS) {
            return; // text and bits stay what they are; a carrier may become text
        }
        kind[p] = d;
        if (d == Disguise.BITS) {
            a.bitsTainted[p] = true;
        }
        work.add(p);
    }

    private void lost(int c, String construct) {
        a.bitsViolation[c] = true;
        if (a.lostBy[c] == null) {
            a.lostBy[c] = construct;
        }
    }

    private boolean anyNumberCarries(int i) {
        for (FlowValue v : flow.operands(i)) {
            if (numberCarries(v)) {
                return true;
            }
        }
        return false;
    }

    /** A floating-point value that may carry a derivative, or a box of one. */
    private boolean numberCarries(FlowValue v) {
        for (int p : flow.producers(v)) {
            if (v.isFloating() && a.varied[p]) {
                return true;
            }
            if (flow.isParameterNode(p)) {
                continue;
            }
            AbstractInsnNode insn = flow.insn(p);
            if (insn instanceof MethodInsnNode && "valueOf".equals(((MethodInsnNode) insn).name)
                    && ("java/lang/Double".equals(((MethodInsnNode) insn).owner)
                        || "java/lang/Float".equals(((MethodInsnNode) insn).owner))
                    && !((MethodInsnNode) insn).desc.startsWith("(Ljava/lang/String;") && anyNumberCarries(p)) {
                return true;
            }
        }
        return false;
    }

    private boolean makesText(AbstractInsnNode insn) {
        if (insn instanceof InvokeDynamicInsnNode) {
            return "java/lang/invoke/StringConcatFactory".equals(((InvokeDynamicInsnNode) insn).bsm.getOwner());
        }
        if (!(insn instanceof MethodInsnNode)) {
            return false;
        }
        MethodInsnNode mi = (MethodInsnNode) insn;
        if (isParse(insn) || "<init>".equals(mi.name) && !mi.owner.startsWith("java/lang/StringB")) {
            return false;
        }
        if ("java/lang/Object".equals(mi.owner) || "java/util/Arrays".equals(mi.owner)) {
            return "toString".equals(mi.name) || "deepToString".equals(mi.name);
        }
        if ("java/lang/Double".equals(mi.owner) || "java/lang/Float".equals(mi.owner)) {
            return "toString".equals(mi.name) || "toHexString".equals(mi.name);
        }
        return TEXT_CLASSES.contains(mi.owner) || "toString".equals(mi.name) && CallPolicy.isJdk(mi.owner);
    }

    private static boolean isParse(AbstractInsnNode insn) {
        if (!(insn instanceof MethodInsnNode)) {
            return false;
        }
        MethodInsnNode mi = (MethodInsnNode) insn;
        boolean fromText = mi.desc.startsWith("(Ljava/lang/String;") || mi.desc.startsWith("(Ljava/lang/CharSequence;")
                || mi.desc.startsWith("([C");
        switch (mi.owner) {
            case "java/lang/Double":
            case "java/lang/Float":
                return fromText && (mi.name.startsWith("parse") || "valueOf".equals(mi.name) || "<init>".equals(mi.name));
            case "java/math/BigDecimal":
                return "<init>".equals(mi.name) && fromText;
            case "java/text/NumberFormat":
            case "java/text/DecimalFormat":
            case "java/text/Format":
                return mi.name.startsWith("parse");
            case "java/util/Scanner":
                return mi.name.startsWith("nextDouble") || mi.name.startsWith("nextFloat")
                        || mi.name.startsWith("nextBig") || "<init>".equals(mi.name);
            default:
                return false;
        }
    }

    private static boolean returnsInteger(MethodInsnNode mi) {
        int sort = Type.getReturnType(mi.desc).getSort();
        return sort == Type.INT || sort == Type.LONG || sort == Type.BOOLEAN || sort == Type.SHORT
                || sort == Type.BYTE || sort == Type.CHAR;
    }

    private static boolean isCharacterRead(String name) {
        return "charAt".equals(name) || "codePointAt".equals(name) || "codePointBefore".equals(name);
    }

    private static Type returnType(AbstractInsnNode insn) {
        String desc = insn instanceof MethodInsnNode ? ((MethodInsnNode) insn).desc
                : ((InvokeDynamicInsnNode) insn).desc;
        return Type.getReturnType(desc);
    }

    static boolean isToBits(MethodInsnNode mi) {
        return ("java/lang/Double".equals(mi.owner)
                    && ("doubleToRawLongBits".equals(mi.name) || "doubleToLongBits".equals(mi.name)))
                || ("java/lang/Float".equals(mi.owner)
                    && ("floatToRawIntBits".equals(mi.name) || "floatToIntBits".equals(mi.name)));
    }

    private static boolean isFromBits(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        if (op == L2D || op == I2D || op == L2F || op == I2F) {
            return true;
        }
        if (op == INVOKESTATIC) {
            MethodInsnNode mi = (MethodInsnNode) insn;
            return ("java/lang/Double".equals(mi.owner) && "longBitsToDouble".equals(mi.name))
                    || ("java/lang/Float".equals(mi.owner) && "intBitsToFloat".equals(mi.name));
        }
        return false;
    }

    private boolean producesInteger(int c) {
        int op = flow.insn(c).getOpcode();
        if (op == ISTORE || op == LSTORE || op == ILOAD || op == LLOAD) {
            return true;
        }
        FlowValue r = flow.result(c);
        if (r == null || r.type() == null) {
            return false;
        }
        int sort = r.type().getSort();
        return (sort == Type.INT || sort == Type.LONG || sort == Type.CHAR) && op != ARRAYLENGTH
                && !(op >= IF_ICMPEQ && op <= IF_ACMPNE) && !(op >= IFEQ && op <= IFLE);
    }

    private static String describe(AbstractInsnNode insn) {
        if (insn instanceof MethodInsnNode) {
            MethodInsnNode mi = (MethodInsnNode) insn;
            return mi.owner.replace('/', '.') + "." + mi.name;
        }
        return org.objectweb.asm.util.Printer.OPCODES[insn.getOpcode()].toLowerCase();
    }
}
