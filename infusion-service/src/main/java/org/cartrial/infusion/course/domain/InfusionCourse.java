package org.cartrial.infusion.course.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.SiteScope;
import org.cartrial.api.infusion.CarTInfused;
import org.cartrial.api.infusion.CarTProduct;
import org.cartrial.api.infusion.LymphodepletionGiven;
import org.cartrial.api.protocol.ProtocolSettings;
import org.cartrial.api.protocol.ProtocolVersions;
import org.cartrial.infusion.readiness.domain.Cd22Gate;
import org.cartrial.infusion.readiness.domain.ClinicalReadiness;
import org.cartrial.infusion.readiness.domain.ClinicalState;
import org.cartrial.infusion.readiness.domain.GateAnswer;

/**
 * One subject's course of lymphodepletion and CAR-T infusions (id = subject id), rebuilt from its events. What
 * it does not record itself (enrolment, response assessments, adverse events) it asks of the injected
 * {@link ClinicalReadiness}.
 * <p>
 * Rules of protocol section 2 enforced here: only an enrolled subject, not withdrawn, is treated (enrolled on or
 * before the treatment date, withdrawn only if withdrawn on or before it); at most one infusion of each product;
 * CD19 first and CD22 not dated before it; the dose within the range of the protocol version in force on the
 * infusion date (the injected {@link ProtocolVersions}: enrollment's amendments as this context received them);
 * lymphodepletion before every
 * infusion (one for the same product whose last dose is on or before the infusion date); the CD22 gate
 * ({@link Cd22Gate}) judged as of the infusion date, which an investigator or an administrator may override
 * with a reason. Clinical dates of infusions are the UTC date until sites carry their own time zone.
 */
public class InfusionCourse {

    @AggregateIdentifier
    private String subjectId;
    private String siteId;
    private final Map<CarTProduct, LocalDate> infusedOn = new EnumMap<>(CarTProduct.class);
    /** Per product, the earliest last-dose date of a lymphodepletion recorded before it. */
    private final Map<CarTProduct, LocalDate> lymphodepletedBy = new EnumMap<>(CarTProduct.class);

    protected InfusionCourse() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public LymphodepletionGiven handle(RecordLymphodepletion command, ProtocolVersions protocol,
            ClinicalReadiness readiness, Clock clock) {
        ClinicalState state = admit(command.subjectId(), command.siteId(), command.scope(), readiness);
        CarTProduct product = command.beforeProduct();
        if (infusedOn.containsKey(product)) {
            throw CommandRefused.conflict("already-infused", "Subject " + command.subjectId()
                    + " was already infused with " + product + " CAR-T; no lymphodepletion before it can follow.");
        }
        requireOnStudy(command.subjectId(), state, command.startedOn());
        if (product == CarTProduct.CD22 && !infusedOn.containsKey(CarTProduct.CD19)) {
            throw CommandRefused.ruleBroken("cd19-not-given", "beforeProduct",
                    "CD22 CAR-T is given only after CD19 CAR-T; subject " + command.subjectId()
                            + " has no CD19 infusion.");
        }
        if (command.agents().isEmpty()) {
            throw CommandRefused.ruleBroken("no-agents", "agents", "A lymphodepletion names at least one drug.");
        }
        if (command.lastDoseOn().isBefore(command.startedOn())) {
            throw CommandRefused.ruleBroken("last-dose-before-start", "lastDoseOn",
                    "The last dose (" + command.lastDoseOn() + ") cannot precede the start (" + command.startedOn()
                            + ").");
        }
        LymphodepletionGiven event = new LymphodepletionGiven(command.subjectId(), command.siteId(),
                command.startedOn(), Instant.now(clock), product, command.agents(), command.heightCm(),
                command.weightKg(), BodySurfaceArea.mosteller(command.heightCm(), command.weightKg()),
                command.lastDoseOn(), protocol.effectiveOn(command.startedOn()).version());
        apply(event);
        return event;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public CarTInfused handle(RecordCarTInfusion command, ProtocolVersions protocol, ClinicalReadiness readiness,
            Clock clock) {
        ClinicalState state = admit(command.subjectId(), command.siteId(), command.scope(), readiness);
        CarTProduct product = command.product();
        LocalDate infusionDate = LocalDate.ofInstant(command.infusedAt(), ZoneOffset.UTC);
        if (infusedOn.containsKey(product)) {
            throw CommandRefused.conflict("already-infused",
                    "Subject " + command.subjectId() + " was already infused with " + product + " CAR-T.");
        }
        requireOnStudy(command.subjectId(), state, infusionDate);
        if (product == CarTProduct.CD22) {
            LocalDate cd19On = infusedOn.get(CarTProduct.CD19);
            if (cd19On == null) {
                throw CommandRefused.ruleBroken("cd19-not-given", "product",
                        "CD22 CAR-T is given only after CD19 CAR-T; subject " + command.subjectId()
                                + " has no CD19 infusion.");
            }
            if (infusionDate.isBefore(cd19On)) {
                throw CommandRefused.ruleBroken("infused-before-cd19", "infusedAt",
                        "CD22 CAR-T cannot be dated before the CD19 infusion on " + cd19On + ".");
            }
        } else if (command.override() != null) {
            throw CommandRefused.ruleBroken("override-not-applicable", "override",
                    "Only the CD22 gate can be overridden; " + product + " CAR-T has no gate.");
        }
        ProtocolSettings settings = protocol.effectiveOn(infusionDate);
        if (!settings.doseInRange(command.dose10e6CellsPerKg())) {
            throw CommandRefused.ruleBroken("dose-out-of-range", "dose10e6CellsPerKg",
                    "dose " + command.dose10e6CellsPerKg().toPlainString() + " x10^6 cells/kg is outside "
                            + settings.minDose10e6CellsPerKg().toPlainString() + "-"
                            + settings.maxDose10e6CellsPerKg().toPlainString() + " x10^6 cells/kg (protocol version "
                            + settings.version() + " on " + infusionDate + ")");
        }
        LocalDate lymphodepleted = lymphodepletedBy.get(product);
        if (lymphodepleted == null || lymphodepleted.isAfter(infusionDate)) {
            throw CommandRefused.ruleBroken("no-lymphodepletion", "product",
                    "No lymphodepletion before " + product + " CAR-T is recorded with its last dose on or before "
                            + infusionDate + ".");
        }
        CarTInfused.Cd22GateEvidence evidence = null;
        if (product == CarTProduct.CD22) {
            CarTInfused.GateOverride override = command.override() == null ? null : approve(command.override());
            GateAnswer answer = Cd22Gate.evaluate(state, infusionDate);
            if (!answer.open() && override == null) {
                throw new Cd22GateClosed(answer);
            }
            evidence = answer.evidence(answer.open() ? null : override);
        }
        CarTInfused event = new CarTInfused(command.subjectId(), command.siteId(), infusionDate, Instant.now(clock),
                product, command.infusedAt(), command.dose10e6CellsPerKg(), command.weightKg(), command.productLot(),
                settings.version(), evidence);
        apply(event);
        return event;
    }

    /**
     * The course belongs to the site that recorded it first, and the subject to the site that enrolled it; for
     * any other site the subject does not exist. Returns what is known of the subject's clinical state, or null.
     */
    private ClinicalState admit(String subject, String site, SiteScope scope, ClinicalReadiness readiness) {
        Optional<ClinicalState> state = readiness.stateOf(subject);
        boolean otherSite = !scope.covers(site) || (siteId != null && !siteId.equals(site))
                || state.map(s -> s.siteId() != null && !s.siteId().equals(site)).orElse(false);
        if (otherSite) {
            throw CommandRefused.notFound("subject-not-found", "No subject " + subject + " at your sites.");
        }
        return state.orElse(null);
    }

    private static void requireOnStudy(String subject, ClinicalState state, LocalDate date) {
        if (state != null && state.withdrawnBy(date)) {
            throw CommandRefused.conflict("subject-withdrawn",
                    "Subject " + subject + " withdrew on " + state.withdrawnOn() + ".");
        }
        if (state == null || !state.enrolledBy(date)) {
            throw CommandRefused.ruleBroken("not-enrolled", "subjectId", "Subject " + subject
                    + " is not enrolled" + (state == null || state.enrolledOn() == null ? ""
                            : " on " + date + " (enrolled on " + state.enrolledOn() + ")")
                    + "; only an enrolled subject is treated.");
        }
    }

    private static CarTInfused.GateOverride approve(Cd22Override override) {
        if (override.reason() == null || override.reason().isBlank()) {
            throw CommandRefused.ruleBroken("override-reason-missing", "override.reason",
                    "An override of the CD22 gate needs a reason.");
        }
        String role = override.approvingRole().orElseThrow(() -> CommandRefused.ruleBroken(
                "override-not-permitted", "override",
                "Only an investigator or an administrator may override the CD22 gate; " + override.approvedBy()
                        + " is neither."));
        return new CarTInfused.GateOverride(override.reason().strip(), override.approvedBy(), role);
    }

    @EventSourcingHandler
    void on(LymphodepletionGiven event) {
        subjectId = event.subjectId();
        siteId = event.siteId();
        lymphodepletedBy.merge(event.beforeProduct(), event.lastDoseOn(),
                (earlier, later) -> earlier.isBefore(later) ? earlier : later);
    }

    @EventSourcingHandler
    void on(CarTInfused event) {
        subjectId = event.subjectId();
        siteId = event.siteId();
        infusedOn.put(event.product(), event.occurredOn());
    }
}
