package dev.adjoint.internal.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

/**
 * Which package of a compiled tree uses which: every class a class names (in its constant pool, signatures,
 * descriptors and annotations), collapsed to the nodes that {@code nodeOf} gives its package.
 */
final class PackageGraph {

    /** node -> the nodes it uses, and for each the first class-level reference found, as evidence. */
    private final Map<String, Map<String, String>> edges = new TreeMap<>();

    private PackageGraph() {
    }

    /**
     * @param classes a directory of class files
     * @param nodeOf  the node of a class (internal name), or null for classes outside the graph
     */
    static PackageGraph of(Path classes, Function<String, String> nodeOf) {
        PackageGraph graph = new PackageGraph();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                graph.read(Files.readAllBytes(f), nodeOf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    private void read(byte[] bytes, Function<String, String> nodeOf) {
        ClassReader reader = new ClassReader(bytes);
        String self = reader.getClassName();
        String from = nodeOf.apply(self);
        if (from == null) {
            return;
        }
        edges.computeIfAbsent(from, k -> new TreeMap<>());
        Remapper collector = new Remapper() {
            @Override
            public String map(String internalName) {
                String to = nodeOf.apply(internalName);
                if (to != null && !to.equals(from)) {
                    edges.get(from).putIfAbsent(to, self + " -> " + internalName);
                }
                return internalName;
            }
        };
        reader.accept(new ClassRemapper(new ClassVisitor(Opcodes.ASM9) { }, collector), 0);
    }

    Set<String> nodes() {
        return edges.keySet();
    }

    Map<String, String> uses(String node) {
        return edges.getOrDefault(node, Map.of());
    }

    /** @return the strongly connected components with more than one node (Tarjan), each sorted */
    List<Set<String>> cycles() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String n : edges.keySet()) {
            if (!index.containsKey(n)) {
                connect(n, index, low, stack, onStack, out, counter);
            }
        }
        return out;
    }

    private void connect(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
            Set<String> onStack, List<Set<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : uses(v).keySet()) {
            if (!index.containsKey(w)) {
                connect(w, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                out.add(component);
            }
        }
    }

    /** @return a shortest cycle through the component's first node, {@code a -> b -> a}, with each edge's evidence */
    String describe(Set<String> component) {
        String start = component.iterator().next();
        Map<String, String> parent = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        String last = null;
        while (!queue.isEmpty() && last == null) {
            String at = queue.poll();
            for (String w : uses(at).keySet()) {
                if (w.equals(start)) {
                    last = at;
                    break;
                }
                if (component.contains(w) && !parent.containsKey(w)) {
                    parent.put(w, at);
                    queue.add(w);
                }
            }
        }
        List<String> path = new ArrayList<>(List.of(start));
        for (String n = last; n != null && !n.equals(start); n = parent.get(n)) {
            path.add(1, n);
        }
        path.add(start);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i + 1 < path.size(); i++) {
            sb.append("\n  ").append(path.get(i)).append(" -> ").append(path.get(i + 1)).append("   (")
                    .append(uses(path.get(i)).get(path.get(i + 1))).append(')');
        }
        return sb.toString();
    }
}
