package dev.adjoint;

/**
 * Thrown when a derivative cannot be computed correctly, instead of returning a wrong one.
 *
 * <p>Adjoint raises it when a value that carries a derivative reaches something the engine cannot follow: its bits
 * are reinterpreted ({@code Double.doubleToRawLongBits}), it goes into a native method or a JDK method that has no
 * derivative rule, through reflection or into another thread, or the code that holds it cannot be transformed. The
 * message names the class, method and source line, the construct, and what to do next.
 */
public class NotDifferentiableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String className;
    private final String methodName;
    private final int line;
    private final String construct;

    /**
     * Creates an exception for a construct at a place in the code.
     *
     * @param className  the binary name of the class that holds the construct, for example {@code com.example.Model}
     * @param methodName the method that holds the construct
     * @param line       the source line, or -1 when the class has no line numbers
     * @param construct  what the engine cannot follow, for example {@code "bit reinterpretation
     *                   (java.lang.Double.doubleToRawLongBits)"}
     * @param advice     what to do about it, or {@code null}
     */
    public NotDifferentiableException(String className, String methodName, int line, String construct, String advice) {
        super(message(className, methodName, line, construct, advice));
        this.className = className;
        this.methodName = methodName;
        this.line = line;
        this.construct = construct;
    }

    /**
     * Creates an exception for a construct at a place in the code, with the failure that revealed it.
     *
     * @param className  the binary name of the class that holds the construct
     * @param methodName the method that holds the construct
     * @param line       the source line, or -1 when unknown
     * @param construct  what the engine cannot follow
     * @param advice     what to do about it, or {@code null}
     * @param cause      the underlying failure
     */
    public NotDifferentiableException(String className, String methodName, int line, String construct, String advice,
                                      Throwable cause) {
        this(className, methodName, line, construct, advice);
        initCause(cause);
    }

    private static String message(String className, String methodName, int line, String construct, String advice) {
        StringBuilder sb = new StringBuilder("cannot differentiate ").append(construct)
                .append(" at ").append(className).append('.').append(methodName);
        String simple = className.substring(className.lastIndexOf('.') + 1);
        int dollar = simple.indexOf('$');
        sb.append('(').append(dollar < 0 ? simple : simple.substring(0, dollar)).append(".java");
        if (line >= 0) {
            sb.append(':').append(line);
        }
        sb.append(')');
        if (advice != null && !advice.isEmpty()) {
            sb.append(". ").append(advice);
        }
        return sb.toString();
    }

    /** @return the binary name of the class that holds the construct */
    public String className() {
        return className;
    }

    /** @return the name of the method that holds the construct */
    public String methodName() {
        return methodName;
    }

    /** @return the source line of the construct, or -1 when unknown */
    public int line() {
        return line;
    }

    /** @return a short description of the construct the engine cannot follow */
    public String construct() {
        return construct;
    }
}
