package dev.adjoint.internal.plan;

import java.util.Map;

/** The methods of the same companion, which calls reach directly instead of through the linker. */
public final class CompanionMembers {
    public final String host;
    public final String companion;
    public final Map<String, String[]> names;

    /**
     * @param host      the host class
     * @param companion the companion class
     * @param names     per host method (name + descriptor): the names of its augmented primal and pullback
     */
    public CompanionMembers(String host, String companion, Map<String, String[]> names) {
        this.host = host;
        this.companion = companion;
        this.names = names;
    }

    /** @return the augmented primal and pullback names of a directly called method, or null */
    public String[] direct(String owner, String name, String desc) {
        return owner.equals(host) ? names.get(name + desc) : null;
    }
}
