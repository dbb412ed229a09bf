package dev.adjoint.agent;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.adjoint.internal.runtime.Settings;

/**
 * The options of {@code -javaagent:ad.jar=OPTIONS}: a comma-separated list of
 * {@code cache=DIR} (or {@code cache=off}), {@code verbose}, {@code include=PKG:PKG}, {@code exclude=PKG:PKG},
 * {@code dump=DIR} and {@code prepare=off}.
 */
final class AgentOptions {

    final String cache;
    final boolean verbose;
    final List<String> include;
    final List<String> exclude;
    final String dump;
    final boolean prepare;

    private AgentOptions(String cache, boolean verbose, List<String> include, List<String> exclude, String dump,
                         boolean prepare) {
        this.cache = cache;
        this.verbose = verbose;
        this.include = include;
        this.exclude = exclude;
        this.dump = dump;
        this.prepare = prepare;
    }

    static AgentOptions parse(String options) {
        String cache = null;
        boolean verbose = false;
        List<String> include = Collections.emptyList();
        List<String> exclude = Collections.emptyList();
        String dump = null;
        boolean prepare = true;
        if (options != null && !options.isBlank()) {
            for (String part : options.split(",")) {
                String p = part.trim();
                int eq = p.indexOf('=');
                String key = eq < 0 ? p : p.substring(0, eq);
                String value = eq < 0 ? "" : p.substring(eq + 1);
                switch (key) {
                    case "cache": cache = value; break;
                    case "verbose": verbose = value.isEmpty() || Boolean.parseBoolean(value); break;
                    case "include": include = packages(value); break;
                    case "exclude": exclude = packages(value); break;
                    case "dump": dump = value; break;
                    case "prepare": prepare = !"off".equals(value) && !"false".equals(value); break;
                    case "": break;
                    default:
                        System.err.println("[adjoint] unknown agent option '" + key + "' ignored; known options: "
                                + "cache=DIR|off, verbose, include=PKG:PKG, exclude=PKG:PKG, dump=DIR, prepare=off");
                }
            }
        }
        return new AgentOptions(cache, verbose, include, exclude, dump, prepare);
    }

    private static List<String> packages(String value) {
        List<String> out = new ArrayList<>();
        for (String p : value.split(":")) {
            if (!p.isBlank()) {
                out.add(p.trim().replace('.', '/'));
            }
        }
        return out;
    }

    /**
     * Passes the options that the runtime reads on to it. The cache is on by default, in {@link Settings#defaultCache()};
     * {@code -Dadjoint.cache} also sets it, and the agent's option wins. Nothing is opened here.
     */
    void apply() {
        if (verbose) {
            Settings.verbose(true);
        }
        if (cache != null) {
            Settings.cache(cache.isEmpty() || "off".equals(cache) ? null : Paths.get(cache));
        } else if (!Settings.cacheConfigured()) {
            Settings.cacheByDefault();
        }
        if (dump != null && !dump.isEmpty()) {
            Settings.dump(Paths.get(dump));
        }
    }

    /** @return whether a class (internal name) is one the agent looks at */
    boolean selects(String internalName) {
        for (String e : exclude) {
            if (internalName.startsWith(e)) {
                return false;
            }
        }
        if (include.isEmpty()) {
            return true;
        }
        for (String i : include) {
            if (internalName.startsWith(i)) {
                return true;
            }
        }
        return false;
    }
}
