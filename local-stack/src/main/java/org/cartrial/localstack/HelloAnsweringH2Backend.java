package org.cartrial.localstack;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * mongo-java-server 1.47 knows the handshake command {@code isMaster} but not its successor {@code hello}, which
 * Spring Boot's Mongo health indicator sends: every service would report DOWN. {@code hello} is answered as
 * {@code isMaster} is, plus the newer field name.
 */
final class HelloAnsweringH2Backend extends H2Backend {

    HelloAnsweringH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if ("hello".equalsIgnoreCase(command)) {
            Document answer = super.handleCommand(channel, database, "isMaster", query);
            answer.put("isWritablePrimary", answer.getOrDefault("ismaster", Boolean.TRUE));
            return answer;
        }
        return super.handleCommand(channel, database, command, query);
    }
}
