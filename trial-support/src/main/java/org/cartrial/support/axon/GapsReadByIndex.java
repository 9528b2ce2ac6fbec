package org.cartrial.support.axon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.ReadEventDataWithGapsStatementBuilder;

/**
 * The tracking processors' read of the events after their token when the token has gaps (indexes handed out to a
 * transaction that had not committed when the token passed them): the events after the token and the events in the
 * gaps, as two look-ups by the global index, not Axon's one {@code WHERE (index > ? AND index <= ?) OR index IN (...)}.
 * H2 answered that disjunction by walking the whole primary-key index, on every wake-up of the forwarder, so under
 * concurrent commands (which leave gaps for up to a minute) every command paid a scan of every event ever stored:
 * 37 % of enrollment-service's CPU at 25,000 events (issue 10 profile), growing with the trial. The two parts cannot
 * overlap (every gap lies at or below the token's index), so {@code UNION ALL} returns what the disjunction did.
 */
final class GapsReadByIndex implements ReadEventDataWithGapsStatementBuilder {

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, long globalIndex, int batchSize,
            List<Long> gaps) throws SQLException {
        String select = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable() + " WHERE ";
        String sql = select + schema.globalIndexColumn() + " > ? AND " + schema.globalIndexColumn() + " <= ?"
                + " UNION ALL " + select + schema.globalIndexColumn() + " IN ("
                + String.join(",", Collections.nCopies(gaps.size(), "?")) + ")"
                + " ORDER BY " + schema.globalIndexColumn() + " ASC";
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 3, gaps.get(i));
        }
        return statement;
    }
}
