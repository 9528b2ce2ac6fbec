package org.cartrial.localstack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code --name value} options of one subcommand. An option not given on the command line may come from an
 * environment variable, so the same launcher works from the {@code trial} script, a shell profile or a container.
 */
final class CommandOptions {

    private final Map<String, String> values;
    private final Map<String, String> environment;

    /** Options that take no value. */
    private static final java.util.Set<String> FLAGS = java.util.Set.of("json", "dry-run");

    private CommandOptions(Map<String, String> values, Map<String, String> environment) {
        this.values = values;
        this.environment = environment;
    }

    static CommandOptions parse(List<String> args, Map<String, String> environment) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            int equals = name.indexOf('=');
            if (equals > 0) {
                values.put(name.substring(0, equals), name.substring(equals + 1));
            } else if (FLAGS.contains(name)) {
                values.put(name, "true");
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                values.put(name, args.get(++i));
            } else {
                throw new UsageException("option --" + name + " needs a value");
            }
        }
        return new CommandOptions(values, environment);
    }

    /** Whether a flag (an option without a value, such as {@code --json}) was given. */
    boolean flag(String name) {
        return Boolean.parseBoolean(values.get(name));
    }

    Optional<String> text(String name, String environmentVariable) {
        String value = values.get(name);
        if (value == null && environmentVariable != null) {
            value = environment.get(environmentVariable);
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    Optional<String> text(String name) {
        return text(name, null);
    }

    String required(String name) {
        return text(name).orElseThrow(() -> new UsageException("option --" + name + " is required"));
    }

    Path dataDir() {
        return Path.of(text("data", "TRIAL_DATA_DIR").orElse("data")).toAbsolutePath().normalize();
    }

    int port(String name, String environmentVariable, int fallback) {
        return text(name, environmentVariable).map(v -> parsePort(name, v)).orElse(fallback);
    }

    Optional<Integer> port(String name, String environmentVariable) {
        return text(name, environmentVariable).map(v -> parsePort(name, v));
    }

    int number(String name, int fallback) {
        return number(name, null, fallback);
    }

    int number(String name, String environmentVariable, int fallback) {
        return text(name, environmentVariable).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " must be a whole number, not '" + v + "'");
            }
        }).orElse(fallback);
    }

    private static int parsePort(String name, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a port number (1-65535), not '" + value + "'");
        }
    }

    /** A mistake on the command line: reported with the usage text, exit status 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
