package dev.adjoint.internal.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.adjoint.AD;

/**
 * The packages of core form a pipeline that only looks down: a class file is read ({@code bytecode}), analysed
 * ({@code ir}, {@code activity}), planned ({@code plan}), its pullback written as statements ({@code adjoint}),
 * emitted ({@code reverse}, {@code forward}), assembled ({@code engine}), printed ({@code listing}), kept
 * ({@code cache}), linked and run ({@code runtime}), written ahead of time ({@code offline}) and called
 * ({@code AD}). The public package holds two layers: its vocabulary (the exception, the function types, the rule
 * annotations), which every stage may name, and its entry point {@code AD}, which sits on top.
 */
class PackageLayersTest {

    /** Bottom first. A package may use the ones before it, never one after it. */
    static final List<String> PIPELINE = List.of("dev.adjoint (vocabulary)", "bytecode", "ir", "rules", "activity",
            "plan", "adjoint", "reverse", "forward", "outline", "engine", "listing", "cache", "runtime", "offline",
            "dev.adjoint (entry)");

    private static final String INTERNAL = "dev/adjoint/internal/";

    /** The public classes that call into the engine; every other class of {@code dev.adjoint} is vocabulary. */
    private static final Set<String> ENTRY = Set.of("dev/adjoint/AD");

    static String nodeOf(String internalName) {
        if (internalName.startsWith(INTERNAL)) {
            String rest = internalName.substring(INTERNAL.length());
            int slash = rest.indexOf('/');
            return slash < 0 ? null : rest.substring(0, slash);
        }
        if (internalName.startsWith("dev/adjoint/") && internalName.indexOf('/', "dev/adjoint/".length()) < 0) {
            String outer = internalName.contains("$") ? internalName.substring(0, internalName.indexOf('$'))
                    : internalName;
            return ENTRY.contains(outer) ? "dev.adjoint (entry)" : "dev.adjoint (vocabulary)";
        }
        return null;
    }

    private static PackageGraph core() throws URISyntaxException {
        Path classes = Path.of(AD.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return PackageGraph.of(classes, PackageLayersTest::nodeOf);
    }

    @Test
    void no_package_of_core_depends_on_itself_through_others() throws URISyntaxException {
        PackageGraph graph = core();
        List<Set<String>> cycles = graph.cycles();
        if (!cycles.isEmpty()) {
            StringBuilder sb = new StringBuilder("package cycles in core:");
            for (Set<String> c : cycles) {
                sb.append("\n").append(c).append(", for example:").append(graph.describe(c));
            }
            fail(sb.toString());
        }
    }

    @Test
    void every_package_only_uses_the_ones_below_it_in_the_pipeline() throws URISyntaxException {
        PackageGraph graph = core();
        List<String> upward = new ArrayList<>();
        for (String from : graph.nodes()) {
            assertTrue(PIPELINE.contains(from), "package " + from + " is not placed in PackageLayersTest.PIPELINE");
            for (Map.Entry<String, String> use : graph.uses(from).entrySet()) {
                if (PIPELINE.indexOf(use.getKey()) > PIPELINE.indexOf(from)) {
                    upward.add(from + " -> " + use.getKey() + "   (" + use.getValue() + ")");
                }
            }
        }
        assertEquals(List.of(), upward, "uses that look up the pipeline " + PIPELINE);
    }

    @Test
    void the_check_finds_a_cycle_when_there_is_one() {
        // the graph of this test's own package and the architecture it checks: a real cycle, planted
        PackageGraph graph = PackageGraph.of(Path.of("target", "test-classes", "dev", "adjoint", "internal",
                "architecture"), name -> name.startsWith("dev/adjoint/internal/architecture/Planted")
                        ? name.substring(name.lastIndexOf('/') + 1).replaceAll("\\$.*", "") : null);
        assertEquals(1, graph.cycles().size(), graph.nodes().toString());
        assertTrue(graph.describe(graph.cycles().get(0)).contains("PlantedA -> PlantedB"),
                graph.describe(graph.cycles().get(0)));
    }
}

/** Two classes that use each other, for {@link PackageLayersTest#the_check_finds_a_cycle_when_there_is_one}. */
final class PlantedA {
    PlantedB other;
}

final class PlantedB {
    PlantedA other;
}
