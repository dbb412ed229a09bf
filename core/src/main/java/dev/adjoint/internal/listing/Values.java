package dev.adjoint.internal.listing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.ParameterNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.util.Printer;

import dev.adjoint.internal.ir.Block;
import dev.adjoint.internal.ir.MethodFlow;
import dev.adjoint.internal.plan.AdjointTarget;
import dev.adjoint.internal.plan.DerivativePlan;
import dev.adjoint.internal.plan.ExpressionTree;
import dev.adjoint.internal.rules.Sym;

/**
 * Java-like text for the values of one method, as Zygote prints its IR: locals by their source names, every value
 * worth naming as {@code %n} (n is the index of the instruction that computes it), everything else as an inline
 * expression, and values that arrive from several predecessors as {@code φ(%a, %b)}.
 *
 * <p>A value gets a name when the listing refers to it (it has an adjoint, a partial reads it), when it is the result
 * of a call, of floating-point arithmetic or of a floating-point read from the heap, or when it is not consumed
 * exactly once in its own block. Other values (constants, loads, integer arithmetic, conversions) are written where
 * they are consumed.
 */
final class Values implements Opcodes {

    /** An expression and the precedence of its outermost operator (higher binds tighter). */
    private static final class Expr {
        final String text;
        final int precedence;

        Expr(String text, int precedence) {
            this.text = text;
            this.precedence = precedence;
        }
    }

    private static final int ATOM = 100;
    private static final int UNARY = 90;
    private static final int MULTIPLICATIVE = 80;
    private static final int ADDITIVE = 70;
    private static final int SHIFT = 60;
    private static final int RELATIONAL = 50;
    private static final int EQUALITY = 40;
    private static final int BITWISE = 30;

    private final DerivativePlan plan;
    private final MethodFlow flow;
    private final MethodNode method;
    private final boolean[] named;
    private final Expr[] memo;
    private final Map<Integer, List<Integer>> byVar = new LinkedHashMap<>();

    Values(DerivativePlan plan) {
        this.plan = plan;
        this.flow = plan.flow;
        this.method = flow.method();
        this.named = new boolean[flow.size()];
        this.memo = new Expr[flow.size()];
        for (int i = 0; i < flow.size(); i++) {
            if (plan.isReachable(i) && plan.variables().of(i) >= 0) {
                byVar.computeIfAbsent(plan.variables().of(i), v -> new ArrayList<>()).add(i);
            }
        }
        for (int i = 0; i < flow.size(); i++) {
            named[i] = plan.isReachable(i) && producesValue(i) && needsName(i);
        }
        for (ExpressionTree t : plan.forest().trees()) {
            for (Sym p : t.partials) {
                nameResultsIn(p);
            }
        }
    }

    // ---- names ----

    /** @return whether instruction {@code i} computes a value that the listing calls {@code %i} */
    boolean isNamed(int i) {
        return named[i];
    }

    /** @return the name of the value computed by instruction {@code i} */
    static String name(int i) {
        return "%" + i;
    }

    /** @return the source name of local {@code slot} where instruction {@code at} reads or writes it */
    String local(int slot, int at) {
        int op = flow.insn(at).getOpcode();
        boolean store = op >= ISTORE && op <= ASTORE;
        int probe = store ? nextInstruction(at) : at;
        for (LocalVariableNode v : localVariables()) {
            if (v.index == slot && flow.indexOf(v.start) <= probe && probe < flow.indexOf(v.end)) {
                return v.name;
            }
        }
        return fallbackName(slot);
    }

    /** @return the names local {@code slot} has anywhere in the method */
    String anyLocal(int slot) {
        List<String> names = new ArrayList<>();
        for (LocalVariableNode v : localVariables()) {
            if (v.index == slot && !names.contains(v.name)) {
                names.add(v.name);
            }
        }
        return names.isEmpty() ? fallbackName(slot) : String.join("|", names);
    }

    /** @return the name of local {@code slot} wherever it holds a {@code double} or {@code float} */
    String floatingLocal(int slot) {
        List<String> names = new ArrayList<>();
        for (LocalVariableNode v : localVariables()) {
            if (v.index == slot && (v.desc.equals("D") || v.desc.equals("F")) && !names.contains(v.name)) {
                names.add(v.name);
            }
        }
        return names.isEmpty() ? fallbackName(slot) : String.join("|", names);
    }

    /** @return the declared parameters as {@code type name} */
    List<String> parameters() {
        List<String> out = new ArrayList<>();
        int slot = isStatic() ? 0 : 1;
        for (Type t : Type.getArgumentTypes(method.desc)) {
            out.add(typeName(t) + " " + parameterName(slot));
            slot += t.getSize();
        }
        return out;
    }

    /** @return the names of the {@code double} and {@code float} parameters, in order */
    List<String> floatingParameters() {
        return parameters(false);
    }

    /** @return the names of the parameters that are references: arrays and objects, whose shadows hold adjoints */
    List<String> referenceParameters() {
        return parameters(true);
    }

    private List<String> parameters(boolean references) {
        List<String> out = new ArrayList<>();
        int slot = isStatic() ? 0 : 1;
        for (Type t : Type.getArgumentTypes(method.desc)) {
            boolean reference = t.getSort() == Type.ARRAY || t.getSort() == Type.OBJECT;
            boolean floating = t.getSort() == Type.DOUBLE || t.getSort() == Type.FLOAT;
            if (references ? reference : floating) {
                out.add(parameterName(slot));
            }
            slot += t.getSize();
        }
        return out;
    }

    /** @return where an adjoint (or a tangent) lives, as the value or local it belongs to */
    String target(AdjointTarget t) {
        if (t.slot) {
            return floatingLocal(t.id);
        }
        List<Integer> owners = byVar.getOrDefault(t.id, List.of());
        if (owners.size() == 1) {
            return name(owners.get(0));
        }
        StringBuilder sb = new StringBuilder("φ(");
        for (int k = 0; k < owners.size(); k++) {
            sb.append(k == 0 ? "" : ", ").append(name(owners.get(k)));
        }
        return sb.append(')').toString();
    }

    /** @return the value that adjoint variable {@code var} belongs to */
    String variable(int var) {
        return target(new AdjointTarget(false, var));
    }

    /** @return the block that a label starts */
    String block(LabelNode label) {
        Block b = flow.blockOf(flow.indexOf(label));
        return b == null ? "?" : "B" + b.id();
    }

    // ---- expressions ----

    /** @return operand {@code k} of instruction {@code i}: a name, an inline expression, or a φ of names */
    String operand(int i, int k) {
        return operandExpr(i, k).text;
    }

    /** @return the expression instruction {@code i} computes, without its name */
    String definition(int i) {
        return expr(i).text;
    }

    /** @return the field or array element a store writes: {@code Owner.f}, {@code o.f} or {@code a[i]} */
    String location(int i) {
        AbstractInsnNode insn = flow.insn(i);
        int op = insn.getOpcode();
        if (op == PUTSTATIC) {
            FieldInsnNode f = (FieldInsnNode) insn;
            return simpleName(f.owner) + "." + f.name;
        }
        if (op == PUTFIELD) {
            return operand(i, 0) + "." + ((FieldInsnNode) insn).name;
        }
        return operand(i, 0) + "[" + operand(i, 1) + "]";
    }

    /** @return a symbolic partial derivative over the values the listing names */
    String sym(Sym s) {
        return symExpr(s).text;
    }

    /** @return a symbolic partial as the right operand of a product, parenthesised where needed */
    String factor(Sym s) {
        return wrap(symExpr(s), MULTIPLICATIVE + 1);
    }

    private Expr operandExpr(int i, int k) {
        AbstractInsnNode insn = flow.insn(i);
        int op = insn.getOpcode();
        if (op >= ILOAD && op <= ALOAD) {
            return new Expr(local(((VarInsnNode) insn).var, i), ATOM);
        }
        int[] ps = flow.producers(flow.operands(i)[k]);
        if (ps.length == 0) {
            return new Expr("caught", ATOM); // an exception handler's exception
        }
        if (ps.length == 1) {
            return ref(ps[0]);
        }
        StringBuilder sb = new StringBuilder("φ(");
        for (int j = 0; j < ps.length; j++) {
            sb.append(j == 0 ? "" : ", ").append(ref(ps[j]).text);
        }
        return new Expr(sb.append(')').toString(), ATOM);
    }

    private Expr ref(int producer) {
        if (flow.isParameterNode(producer)) {
            return new Expr(parameterName(flow.parameterSlot(producer)), ATOM);
        }
        int op = flow.insn(producer).getOpcode();
        if (op >= ISTORE && op <= ASTORE) {
            return new Expr(local(((VarInsnNode) flow.insn(producer)).var, producer), ATOM);
        }
        if (op == IINC) {
            return new Expr(local(((IincInsnNode) flow.insn(producer)).var, producer), ATOM);
        }
        return named[producer] ? new Expr(name(producer), ATOM) : expr(producer);
    }

    private Expr expr(int i) {
        if (memo[i] == null) {
            memo[i] = compute(i);
        }
        return memo[i];
    }

    private Expr compute(int i) {
        AbstractInsnNode insn = flow.insn(i);
        int op = insn.getOpcode();
        switch (op) {
            case ACONST_NULL:
                return atom("null");
            case ICONST_M1: case ICONST_0: case ICONST_1: case ICONST_2: case ICONST_3: case ICONST_4: case ICONST_5:
                return atom(String.valueOf(op - ICONST_0));
            case LCONST_0: case LCONST_1:
                return atom((op - LCONST_0) + "L");
            case FCONST_0: case FCONST_1: case FCONST_2:
                return atom((op - FCONST_0) + ".0f");
            case DCONST_0: case DCONST_1:
                return atom((op - DCONST_0) + ".0");
            case BIPUSH: case SIPUSH:
                return number(String.valueOf(((IntInsnNode) insn).operand));
            case LDC:
                return constant(((LdcInsnNode) insn).cst);
            case ILOAD: case LLOAD: case FLOAD: case DLOAD: case ALOAD:
                return atom(local(((VarInsnNode) insn).var, i));
            case IADD: case LADD: case FADD: case DADD:
                return binary(i, "+", ADDITIVE);
            case ISUB: case LSUB: case FSUB: case DSUB:
                return binary(i, "-", ADDITIVE);
            case IMUL: case LMUL: case FMUL: case DMUL:
                return binary(i, "*", MULTIPLICATIVE);
            case IDIV: case LDIV: case FDIV: case DDIV:
                return binary(i, "/", MULTIPLICATIVE);
            case IREM: case LREM: case FREM: case DREM:
                return binary(i, "%", MULTIPLICATIVE);
            case ISHL: case LSHL:
                return binary(i, "<<", SHIFT);
            case ISHR: case LSHR:
                return binary(i, ">>", SHIFT);
            case IUSHR: case LUSHR:
                return binary(i, ">>>", SHIFT);
            case IAND: case LAND:
                return binary(i, "&", BITWISE);
            case IOR: case LOR:
                return binary(i, "|", BITWISE - 4);
            case IXOR: case LXOR:
                return binary(i, "^", BITWISE - 2);
            case INEG: case LNEG: case FNEG: case DNEG:
                return new Expr("-" + wrap(operandExpr(i, 0), UNARY), UNARY);
            case I2L: case F2L: case D2L:
                return cast(i, "long");
            case I2F: case L2F: case D2F:
                return cast(i, "float");
            case I2D: case L2D: case F2D:
                return cast(i, "double");
            case L2I: case F2I: case D2I:
                return cast(i, "int");
            case I2B:
                return cast(i, "byte");
            case I2C:
                return cast(i, "char");
            case I2S:
                return cast(i, "short");
            case LCMP: case FCMPL: case FCMPG: case DCMPL: case DCMPG:
                return atom("compare(" + operand(i, 0) + ", " + operand(i, 1) + ")");
            case GETSTATIC: {
                FieldInsnNode f = (FieldInsnNode) insn;
                return atom(simpleName(f.owner) + "." + f.name);
            }
            case GETFIELD: {
                FieldInsnNode f = (FieldInsnNode) insn;
                return atom(wrap(operandExpr(i, 0), ATOM) + "." + f.name);
            }
            case IALOAD: case LALOAD: case FALOAD: case DALOAD: case AALOAD: case BALOAD: case CALOAD: case SALOAD:
                return atom(wrap(operandExpr(i, 0), ATOM) + "[" + operand(i, 1) + "]");
            case ARRAYLENGTH:
                return atom(wrap(operandExpr(i, 0), ATOM) + ".length");
            case NEWARRAY:
                return atom("new " + typeName(Type.getType(newArrayElement(((IntInsnNode) insn).operand))) + "["
                        + operand(i, 0) + "]");
            case ANEWARRAY:
                return atom("new " + simpleName(((TypeInsnNode) insn).desc) + "[" + operand(i, 0) + "]");
            case MULTIANEWARRAY: {
                MultiANewArrayInsnNode m = (MultiANewArrayInsnNode) insn;
                StringBuilder sb = new StringBuilder("new ").append(typeName(Type.getType(m.desc).getElementType()));
                for (int k = 0; k < m.dims; k++) {
                    sb.append('[').append(operand(i, k)).append(']');
                }
                return atom(sb.toString());
            }
            case CHECKCAST:
                return new Expr("(" + simpleName(((TypeInsnNode) insn).desc) + ") " + wrap(operandExpr(i, 0), UNARY),
                        UNARY);
            case INSTANCEOF:
                return new Expr(wrap(operandExpr(i, 0), RELATIONAL) + " instanceof "
                        + simpleName(((TypeInsnNode) insn).desc), RELATIONAL);
            case NEW:
                return atom("new " + simpleName(((TypeInsnNode) insn).desc));
            case INVOKEVIRTUAL: case INVOKESPECIAL: case INVOKESTATIC: case INVOKEINTERFACE:
                return atom(call(i));
            case INVOKEDYNAMIC:
                return indy(i);
            default:
                return atom(mnemonic(op).toLowerCase() + arguments(i, 0));
        }
    }

    /** @return a call in Java syntax: {@code name(args)} in this class, {@code Owner.name(args)}, {@code r.name(args)} */
    String call(int i) {
        MethodInsnNode mi = (MethodInsnNode) flow.insn(i);
        if (mi.getOpcode() == INVOKESTATIC) {
            String owner = mi.owner.equals(plan.owner) ? "" : simpleName(mi.owner) + ".";
            return owner + mi.name + arguments(i, 0);
        }
        if (mi.name.equals("<init>")) {
            return constructorCall(i);
        }
        String receiver = mi.getOpcode() == INVOKESPECIAL && !mi.owner.equals(plan.owner) && isThis(i, 0) ? "super"
                : wrap(operandExpr(i, 0), ATOM);
        return receiver + "." + mi.name + arguments(i, 1);
    }

    /** @return {@code new C(args)}, or {@code super(args)} and {@code this(args)} inside a constructor */
    String constructorCall(int i) {
        MethodInsnNode mi = (MethodInsnNode) flow.insn(i);
        int receiver = newOf(i);
        if (receiver < 0 && isThis(i, 0)) {
            return (mi.owner.equals(plan.owner) ? "this" : "super") + arguments(i, 1);
        }
        return "new " + simpleName(mi.owner) + arguments(i, 1);
    }

    /** @return the {@code new} instruction whose object a constructor call initialises, or -1 */
    int newOf(int init) {
        int p = plan.soleProducer(init, 0);
        return p >= 0 && !flow.isParameterNode(p) && flow.insn(p).getOpcode() == NEW ? p : -1;
    }

    private boolean isThis(int i, int k) {
        if (isStatic()) {
            return false;
        }
        int p = plan.soleProducer(i, k);
        if (p < 0 || flow.isParameterNode(p)) {
            return p >= 0 && flow.parameterSlot(p) == 0;
        }
        AbstractInsnNode insn = flow.insn(p);
        return insn.getOpcode() == ALOAD && ((VarInsnNode) insn).var == 0 && "this".equals(local(0, p));
    }

    private String arguments(int i, int first) {
        StringBuilder sb = new StringBuilder("(");
        int n = flow.operands(i).length;
        for (int k = first; k < n; k++) {
            sb.append(k == first ? "" : ", ").append(operand(i, k));
        }
        return sb.append(')').toString();
    }

    private Expr indy(int i) {
        InvokeDynamicInsnNode indy = (InvokeDynamicInsnNode) flow.insn(i);
        Handle bsm = indy.bsm;
        if (bsm.getOwner().equals("java/lang/invoke/StringConcatFactory") && indy.name.equals("makeConcatWithConstants")
                && indy.bsmArgs.length >= 1 && indy.bsmArgs[0] instanceof String) {
            String recipe = (String) indy.bsmArgs[0];
            List<String> parts = new ArrayList<>();
            StringBuilder literal = new StringBuilder();
            int arg = 0;
            int constant = 1;
            for (int c = 0; c < recipe.length(); c++) {
                char ch = recipe.charAt(c);
                if (ch == '\u0001' || ch == '\u0002') {
                    if (literal.length() > 0) {
                        parts.add(quote(literal.toString()));
                        literal.setLength(0);
                    }
                    if (ch == '\u0001') {
                        parts.add(wrap(operandExpr(i, arg++), ADDITIVE + 1));
                    } else {
                        parts.add(String.valueOf(indy.bsmArgs[constant++]));
                    }
                } else {
                    literal.append(ch);
                }
            }
            if (literal.length() > 0) {
                parts.add(quote(literal.toString()));
            }
            if (parts.size() == 1) {
                parts.add(0, "\"\"");
            }
            return new Expr(String.join(" + ", parts), ADDITIVE);
        }
        return atom("invokedynamic " + indy.name + arguments(i, 0));
    }

    private Expr binary(int i, String operator, int precedence) {
        return new Expr(wrap(operandExpr(i, 0), precedence) + " " + operator + " "
                + wrap(operandExpr(i, 1), precedence + 1), precedence);
    }

    private Expr cast(int i, String type) {
        return new Expr("(" + type + ") " + wrap(operandExpr(i, 0), UNARY), UNARY);
    }

    /** @return the condition of a conditional jump, with a comparison that feeds it folded in */
    String condition(int i) {
        int op = flow.insn(i).getOpcode();
        switch (op) {
            case IFEQ: case IFNE: case IFLT: case IFGE: case IFGT: case IFLE: {
                String rel = relation(op - IFEQ);
                int p = plan.soleProducer(i, 0);
                if (p >= 0 && !flow.isParameterNode(p) && !named[p] && isComparison(flow.insn(p).getOpcode())) {
                    return wrap(operandExpr(p, 0), RELATIONAL + 1) + " " + rel + " " + wrap(operandExpr(p, 1),
                            RELATIONAL + 1);
                }
                if (isBoolean(p) && (op == IFEQ || op == IFNE)) {
                    return op == IFEQ ? "!" + wrap(operandExpr(i, 0), UNARY) : operand(i, 0);
                }
                return wrap(operandExpr(i, 0), RELATIONAL + 1) + " " + rel + " 0";
            }
            case IF_ICMPEQ: case IF_ICMPNE: case IF_ICMPLT: case IF_ICMPGE: case IF_ICMPGT: case IF_ICMPLE:
                return wrap(operandExpr(i, 0), RELATIONAL + 1) + " " + relation(op - IF_ICMPEQ) + " "
                        + wrap(operandExpr(i, 1), RELATIONAL + 1);
            case IF_ACMPEQ: case IF_ACMPNE:
                return wrap(operandExpr(i, 0), EQUALITY + 1) + (op == IF_ACMPEQ ? " == " : " != ")
                        + wrap(operandExpr(i, 1), EQUALITY + 1);
            case IFNULL: case IFNONNULL:
                return wrap(operandExpr(i, 0), EQUALITY + 1) + (op == IFNULL ? " == null" : " != null");
            default:
                throw new IllegalArgumentException("not a conditional jump: " + mnemonic(op));
        }
    }

    private static String relation(int k) {
        return new String[] {"==", "!=", "<", ">=", ">", "<="}[k];
    }

    private static boolean isComparison(int op) {
        return op == LCMP || op == FCMPL || op == FCMPG || op == DCMPL || op == DCMPG;
    }

    /** Whether a producer yields a {@code boolean}: a call or field of that type, {@code instanceof}, a local. */
    private boolean isBoolean(int p) {
        if (p < 0) {
            return false;
        }
        if (flow.isParameterNode(p)) {
            return localDescriptor(flow.parameterSlot(p), 0).equals("Z");
        }
        AbstractInsnNode insn = flow.insn(p);
        if (insn instanceof MethodInsnNode) {
            return Type.getReturnType(((MethodInsnNode) insn).desc).getSort() == Type.BOOLEAN;
        }
        if (insn instanceof FieldInsnNode) {
            return ((FieldInsnNode) insn).desc.equals("Z");
        }
        if (insn.getOpcode() == ILOAD) {
            return localDescriptor(((VarInsnNode) insn).var, p).equals("Z");
        }
        return insn.getOpcode() == INSTANCEOF;
    }

    private Expr symExpr(Sym s) {
        if (s instanceof Sym.Const) {
            return number(Double.toString(((Sym.Const) s).value));
        }
        if (s instanceof Sym.Saved) {
            Sym.Saved v = (Sym.Saved) s;
            return v.operand == Sym.Saved.RESULT ? ref(v.node) : operandExpr(v.node, v.operand);
        }
        if (s instanceof Sym.Temp) {
            return atom("t" + ((Sym.Temp) s).local);
        }
        if (s instanceof Sym.Neg) {
            return new Expr("-" + wrap(symExpr(((Sym.Neg) s).a), UNARY), UNARY);
        }
        if (s instanceof Sym.Bin) {
            Sym.Bin b = (Sym.Bin) s;
            int p = b.op == '+' || b.op == '-' ? ADDITIVE : MULTIPLICATIVE;
            return new Expr(wrap(symExpr(b.a), p) + " " + b.arithmetic() + " " + wrap(symExpr(b.b), p + 1), p);
        }
        if (s instanceof Sym.Call) {
            Sym.Call c = (Sym.Call) s;
            StringBuilder sb = new StringBuilder(c.name).append('(');
            for (int k = 0; k < c.args.size(); k++) {
                sb.append(k == 0 ? "" : ", ").append(symExpr(c.args.get(k)).text);
            }
            return atom(sb.append(')').toString());
        }
        return atom(s.toString());
    }

    // ---- which values get a name ----

    private boolean producesValue(int i) {
        int op = flow.insn(i).getOpcode();
        if (op >= ISTORE && op <= ASTORE || op == IINC) {
            return false;
        }
        return flow.result(i) != null;
    }

    private boolean needsName(int i) {
        AbstractInsnNode insn = flow.insn(i);
        int op = insn.getOpcode();
        if (plan.variables().of(i) >= 0) {
            return true;
        }
        if (insn instanceof MethodInsnNode || op == NEW) {
            return true;
        }
        if (op == INVOKEDYNAMIC) {
            return !((InvokeDynamicInsnNode) insn).bsm.getOwner().equals("java/lang/invoke/StringConcatFactory")
                    || flow.uses(i).size() != 1;
        }
        if (flow.result(i).isFloating() && (isArithmetic(op) || op == DALOAD || op == FALOAD || op == GETFIELD
                || op == GETSTATIC)) {
            return true;
        }
        List<MethodFlow.Use> uses = flow.uses(i);
        if (uses.size() != 1) {
            return true;
        }
        int consumer = uses.get(0).consumer;
        if (flow.blockOf(consumer) != flow.blockOf(i)) {
            return true;
        }
        return op >= ILOAD && op <= ALOAD && plan.writtenBetween(((VarInsnNode) insn).var, i, consumer);
    }

    private static boolean isArithmetic(int op) {
        return op >= IADD && op <= DNEG;
    }

    private void nameResultsIn(Sym s) {
        if (s instanceof Sym.Saved && ((Sym.Saved) s).operand == Sym.Saved.RESULT) {
            named[((Sym.Saved) s).node] = true;
        } else if (s instanceof Sym.Neg) {
            nameResultsIn(((Sym.Neg) s).a);
        } else if (s instanceof Sym.Bin) {
            nameResultsIn(((Sym.Bin) s).a);
            nameResultsIn(((Sym.Bin) s).b);
        } else if (s instanceof Sym.Call) {
            for (Sym a : ((Sym.Call) s).args) {
                nameResultsIn(a);
            }
        }
    }

    // ---- helpers ----

    boolean isStatic() {
        return (method.access & ACC_STATIC) != 0;
    }

    private String parameterName(int slot) {
        if (!isStatic() && slot == 0) {
            return "this";
        }
        for (LocalVariableNode v : localVariables()) {
            if (v.index == slot && flow.indexOf(v.start) <= firstInstruction()) {
                return v.name;
            }
        }
        int k = isStatic() ? 0 : 1;
        int index = 0;
        for (Type t : Type.getArgumentTypes(method.desc)) {
            if (k == slot) {
                List<ParameterNode> ps = method.parameters;
                return ps != null && index < ps.size() && ps.get(index).name != null ? ps.get(index).name
                        : "arg" + index;
            }
            k += t.getSize();
            index++;
        }
        return "local" + slot;
    }

    private String fallbackName(int slot) {
        int args = (Type.getArgumentsAndReturnSizes(method.desc) >> 2) - (isStatic() ? 1 : 0);
        return slot < args ? parameterName(slot) : "local" + slot;
    }

    private String localDescriptor(int slot, int at) {
        for (LocalVariableNode v : localVariables()) {
            if (v.index == slot && flow.indexOf(v.start) <= at && at < flow.indexOf(v.end)) {
                return v.desc;
            }
        }
        return "";
    }

    private List<LocalVariableNode> localVariables() {
        return method.localVariables == null ? List.of() : method.localVariables;
    }

    private int firstInstruction() {
        for (int i = 0; i < flow.size(); i++) {
            if (flow.isInstruction(i)) {
                return i;
            }
        }
        return 0;
    }

    private int nextInstruction(int i) {
        for (int j = i + 1; j < flow.size(); j++) {
            if (flow.isInstruction(j)) {
                return j;
            }
        }
        return flow.size();
    }

    private static Expr atom(String text) {
        return new Expr(text, ATOM);
    }

    private static Expr number(String text) {
        return new Expr(text, text.startsWith("-") ? UNARY : ATOM);
    }

    private static Expr constant(Object cst) {
        if (cst instanceof String) {
            return atom(quote((String) cst));
        }
        if (cst instanceof Long) {
            return number(cst + "L");
        }
        if (cst instanceof Float) {
            return number(cst + "f");
        }
        if (cst instanceof Type) {
            return atom(typeName((Type) cst) + ".class");
        }
        return number(String.valueOf(cst));
    }

    private static String wrap(Expr e, int precedence) {
        return e.precedence < precedence ? "(" + e.text + ")" : e.text;
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }

    /** @return the simple name of a class as Java writes it: {@code Map.Entry} for {@code java/util/Map$Entry} */
    static String simpleName(String internalName) {
        if (internalName.startsWith("[")) {
            return typeName(Type.getType(internalName));
        }
        return internalName.substring(internalName.lastIndexOf('/') + 1).replace('$', '.');
    }

    /** @return a type as Java writes it, with simple class names */
    static String typeName(Type t) {
        if (t.getSort() == Type.ARRAY) {
            return typeName(t.getElementType()) + "[]".repeat(t.getDimensions());
        }
        return t.getSort() == Type.OBJECT ? simpleName(t.getInternalName()) : t.getClassName();
    }

    private static String newArrayElement(int operand) {
        switch (operand) {
            case T_BOOLEAN: return "Z";
            case T_CHAR: return "C";
            case T_FLOAT: return "F";
            case T_DOUBLE: return "D";
            case T_BYTE: return "B";
            case T_SHORT: return "S";
            case T_INT: return "I";
            default: return "J";
        }
    }

    static String mnemonic(int op) {
        return op >= 0 && op < Printer.OPCODES.length ? Printer.OPCODES[op] : "?";
    }
}
