package org.cartrial.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** The TCP ports of the embedded system; every one can be chosen, so two stacks can run side by side. */
public record Ports(int gateway, int enrollment, int infusion, int safety, int outcomes, int kafka,
        int kafkaController, int mongo, int authorization, int webApp) {

    /** The ports the README and docker-compose use. */
    public static Ports defaults() {
        return new Ports(8080, 8081, 8082, 8083, 8084, 9092, 9093, 27017, 9000, 8085);
    }

    /**
     * A block of ports from {@code base}: the gateway on base, the services on base+1..base+4, Kafka on base+12
     * and its controller on base+13, Mongo on base+17 (the same last digits as the defaults, easy to remember), the
     * authorization server on base+10, the web application on base+5.
     */
    public static Ports fromBase(int base) {
        if (base < 1 || base + 17 > 65535) {
            throw new IllegalArgumentException("ports base " + base + " leaves no room for 18 ports");
        }
        return new Ports(base, base + 1, base + 2, base + 3, base + 4, base + 12, base + 13, base + 17, base + 10, base + 5);
    }

    /** Ports the operating system reports free right now: for tests that must not collide with anything. */
    public static Ports free() {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[10];
            for (int i = 0; i < ports.length; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return new Ports(ports[0], ports[1], ports[2], ports[3], ports[4], ports[5], ports[6], ports[7], ports[8], ports[9]);
        } catch (IOException e) {
            throw new UncheckedIOException("could not find free ports", e);
        } finally {
            sockets.forEach(s -> {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // only held to keep the ports distinct
                }
            });
        }
    }

    public int of(Component component) {
        return switch (component) {
            case GATEWAY -> gateway;
            case ENROLLMENT -> enrollment;
            case INFUSION -> infusion;
            case SAFETY -> safety;
            case OUTCOMES -> outcomes;
            case KAFKA -> kafka;
            case MONGO -> mongo;
            case AUTHORIZATION -> authorization;
            case WEB_APP -> webApp;
        };
    }

    public Ports with(Component component, int port) {
        return new Ports(
                component == Component.GATEWAY ? port : gateway,
                component == Component.ENROLLMENT ? port : enrollment,
                component == Component.INFUSION ? port : infusion,
                component == Component.SAFETY ? port : safety,
                component == Component.OUTCOMES ? port : outcomes,
                component == Component.KAFKA ? port : kafka,
                kafkaController,
                component == Component.MONGO ? port : mongo,
                component == Component.AUTHORIZATION ? port : authorization,
                component == Component.WEB_APP ? port : webApp);
    }

    public Ports withKafkaController(int port) {
        return new Ports(gateway, enrollment, infusion, safety, outcomes, kafka, port, mongo, authorization, webApp);
    }
}
