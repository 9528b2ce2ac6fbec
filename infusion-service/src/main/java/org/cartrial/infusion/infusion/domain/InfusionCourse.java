package org.cartrial.infusion.infusion.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.infusion.CarTInfused;
import org.cartrial.api.infusion.CarTProduct;

/** One subject's course of CAR-T infusions (id = subject id), rebuilt from its events. */
public class InfusionCourse {

    @AggregateIdentifier
    private String subjectId;
    private String siteId;
    private final Set<CarTProduct> infused = EnumSet.noneOf(CarTProduct.class);

    protected InfusionCourse() {
        // for Axon
    }

    /**
     * Records an infusion. Rules of protocol section 2 enforced so far: at most one infusion of each product, CD19
     * first, the dose within the protocol's range.
     * <p>
     * TODO (CD22 gate, protocol section 2): a CD22 infusion is allowed only when the latest response assessment is
     * MRD-negative CR or CRi and no open non-haematological adverse event is above grade 2, or with an override
     * that names a reason and an approver. That needs the outcomes and safety streams read into this service;
     * until then only "CD19 first" is checked. Enrolment status (not withdrawn) is not checked yet either.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public CarTInfused handle(RecordCarTInfusion command, InfusionSettings settings, Clock clock) {
        if (siteId != null && !siteId.equals(command.siteId())) {
            // the course belongs to another site: as if the subject did not exist for this caller
            throw CommandRefused.notFound("subject-not-found",
                    "Subject " + command.subjectId() + " has no infusion course at site " + command.siteId() + ".");
        }
        CarTProduct product = command.product();
        if (infused.contains(product)) {
            throw CommandRefused.conflict("already-infused",
                    "Subject " + command.subjectId() + " was already infused with " + product + " CAR-T.");
        }
        if (product == CarTProduct.CD22 && !infused.contains(CarTProduct.CD19)) {
            throw CommandRefused.ruleBroken("cd19-not-given", "product",
                    "CD22 CAR-T is given only after CD19 CAR-T; subject " + command.subjectId()
                            + " has no CD19 infusion.");
        }
        if (!settings.doseInRange(command.dose10e6CellsPerKg())) {
            throw CommandRefused.ruleBroken("dose-out-of-range", "dose10e6CellsPerKg",
                    "dose " + command.dose10e6CellsPerKg().toPlainString() + " x10^6 cells/kg is outside "
                            + settings.minDose10e6CellsPerKg().toPlainString() + "-"
                            + settings.maxDose10e6CellsPerKg().toPlainString() + " x10^6 cells/kg");
        }
        // the clinical date of the infusion is taken in UTC until sites carry their own time zone
        LocalDate infusedOn = LocalDate.ofInstant(command.infusedAt(), ZoneOffset.UTC);
        CarTInfused event = new CarTInfused(command.subjectId(), command.siteId(), infusedOn, Instant.now(clock),
                product, command.infusedAt(), command.dose10e6CellsPerKg(), command.weightKg(), command.productLot(),
                settings.protocolVersion());
        apply(event);
        return event;
    }

    @EventSourcingHandler
    void on(CarTInfused event) {
        subjectId = event.subjectId();
        siteId = event.siteId();
        infused.add(event.product());
    }
}
