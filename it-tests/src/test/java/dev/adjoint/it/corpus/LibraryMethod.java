package dev.adjoint.it.corpus;

/**
 * One method of a library in the corpus.
 *
 * @param library    the jar's file name
 * @param owner      the internal name of the class
 * @param name       the method's name
 * @param descriptor the method's descriptor
 * @param codeSize   bytes of bytecode
 */
public record LibraryMethod(String library, String owner, String name, String descriptor, int codeSize) {

    /** @return {@code org.foo.Bar#baz(D)D} */
    public String id() {
        return owner.replace('/', '.') + "#" + name + descriptor;
    }
}
