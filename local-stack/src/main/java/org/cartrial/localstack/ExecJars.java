package org.cartrial.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Where the runnable jars are: {@code <root>/<module>/target/<module>-<version>-exec.jar}, unless set explicitly. */
final class ExecJars {

    private final Path root;
    private final Map<Component, Path> explicit = new EnumMap<>(Component.class);

    ExecJars(Path root) {
        this.root = root;
    }

    void set(Component component, Path jar) {
        explicit.put(component, jar);
    }

    Optional<Path> find(Component component) {
        Path given = explicit.get(component);
        if (given != null) {
            return Optional.of(given).filter(Files::isRegularFile);
        }
        if (root == null) {
            return Optional.empty();
        }
        Path target = root.resolve(component.module()).resolve("target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        String prefix = component.module() + "-";
        try (Stream<Path> files = Files.list(target)) {
            // the newest one, should an old version still lie around
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)
                            && f.getFileName().toString().endsWith("-exec.jar"))
                    .max(Comparator.comparing(ExecJars::modified));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path require(Component component) {
        return find(component).orElseThrow(() -> new StartupFailure(component, "no executable jar for "
                + component.id() + "; build with: mvn -B -q -DskipTests package"));
    }

    /** Fails with one message listing every missing jar and how to build them. */
    void checkAll(List<Component> components) {
        List<String> missing = components.stream().filter(c -> find(c).isEmpty())
                .map(c -> explicit.containsKey(c) ? explicit.get(c).toString()
                        : (root == null ? "<no repository root>" : root.resolve(c.module()).resolve("target"))
                                + "/" + c.module() + "-*-exec.jar")
                .distinct().toList();
        if (!missing.isEmpty()) {
            throw new StartupFailure(null, "missing executable jars:\n  " + String.join("\n  ", missing)
                    + "\nbuild them first: mvn -B -q -DskipTests package");
        }
    }

    private static java.nio.file.attribute.FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
