package org.cartrial.safety.monitoring;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.cartrial.api.infusion.CarTInfused;
import org.cartrial.api.infusion.CarTInfusionCorrected;
import org.cartrial.api.infusion.CarTProduct;
import org.cartrial.api.safety.AdverseEventDetails;
import org.cartrial.api.safety.AdverseEventVersion;
import org.cartrial.safety.adverseevent.domain.RelationshipToCarT;
import org.cartrial.safety.monitoring.domain.ClassifyAdverseEvent;
import org.cartrial.safety.monitoring.domain.CorrectDay0;
import org.cartrial.safety.monitoring.domain.CountInfusedSubject;
import org.cartrial.safety.monitoring.domain.SafetyMonitor;
import org.cartrial.support.events.ReceivedEvent;

/**
 * Feeds the safety monitor: every adverse-event event of this context, read in order by a streaming processor
 * whose token lives in the event store's database (a failed command is retried, never skipped), and every CD19
 * infusion the infusion topic brings. The monitor ignores what it knows already, so re-deliveries are harmless.
 */
@ProcessingGroup(MonitoringFeed.PROCESSING_GROUP)
public class MonitoringFeed {

    public static final String PROCESSING_GROUP = "safety-monitoring";

    private final CommandGateway commands;

    public MonitoringFeed(CommandGateway commands) {
        this.commands = commands;
    }

    /**
     * A published event from the infusion topic: a CD19 infusion is counted in the denominator, and a corrected
     * CD19 infusion moves the subject's day 0 (once per correction, known by its event id).
     */
    public void infusion(ReceivedEvent event) {
        if (event.payload() instanceof CarTInfused infused && infused.product() == CarTProduct.CD19) {
            commands.sendAndWait(new CountInfusedSubject(SafetyMonitor.ID, infused.subjectId(), infused.siteId(),
                    infused.occurredOn()));
        } else if (event.payload() instanceof CarTInfusionCorrected corrected
                && corrected.product() == CarTProduct.CD19) {
            commands.sendAndWait(new CorrectDay0(SafetyMonitor.ID, corrected.subjectId(), corrected.siteId(),
                    corrected.infusion().occurredOn(), event.eventId()));
        }
    }

    /** A report, follow-up, correction or recoding: each gives the whole state, so each is classified alike. */
    @EventHandler
    void on(AdverseEventVersion event) {
        classify(event.adverseEventId(), event.subjectId(), event.siteId(), event.details(), event);
    }

    private void classify(String adverseEventId, String subjectId, String siteId, AdverseEventDetails details,
            org.cartrial.api.TrialEvent event) {
        classify(adverseEventId, subjectId, siteId, details.ctcaeTerm(), details.grade(),
                details.relationshipToCarT(), event);
    }

    private void classify(String adverseEventId, String subjectId, String siteId, String term, int grade,
            String relationship, org.cartrial.api.TrialEvent event) {
        commands.sendAndWait(new ClassifyAdverseEvent(SafetyMonitor.ID, adverseEventId, subjectId, siteId, term,
                grade, RelationshipToCarT.fromCode(relationship).orElse(RelationshipToCarT.UNRELATED),
                event.occurredOn()));
    }
}
