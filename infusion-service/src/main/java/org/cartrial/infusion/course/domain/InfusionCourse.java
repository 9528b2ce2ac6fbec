package org.cartrial.infusion.course.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.CorrectedValue;
import org.cartrial.api.SiteScope;
import org.cartrial.api.infusion.CarTInfused;
import org.cartrial.api.infusion.CarTInfusionCorrected;
import org.cartrial.api.infusion.CarTProduct;
import org.cartrial.api.infusion.LymphodepletingAgent;
import org.cartrial.api.infusion.LymphodepletionCorrected;
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
 * with a reason. Clinical dates of infusions are the UTC date until sites carry their own time zone. An infusion
 * recorded wrongly is corrected with a reason ({@link CorrectCarTInfusion}), under the same rules of order, dose and
 * lymphodepletion; the CD22 gate evidence stays what the gate saw when the infusion was recorded.
 */
public class InfusionCourse {

    @AggregateIdentifier
    private String subjectId;
    private String siteId;
    private final Map<CarTProduct, LocalDate> infusedOn = new EnumMap<>(CarTProduct.class);
    /** Each lymphodepletion as it stands (as recorded, or as last corrected). */
    private final List<LymphodepletionGiven> lymphodepletions = new ArrayList<>();
    /** Each infusion as it stands (as recorded, or as last corrected). */
    private final Map<CarTProduct, CarTInfused> infusions = new EnumMap<>(CarTProduct.class);
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

    /** Corrects an infusion recorded wrongly, with the reason; the corrected infusion keeps the protocol's rules. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public CarTInfusionCorrected handle(CorrectCarTInfusion command, ProtocolVersions protocol,
            ClinicalReadiness readiness, Clock clock) {
        ClinicalState state = admit(command.subjectId(), command.siteId(), command.scope(), readiness);
        if (command.reason() == null || command.reason().isBlank()) {
            throw CommandRefused.ruleBroken("reason-required", "reason",
                    "a correction names its reason; nothing was recorded");
        }
        CarTProduct product = command.product();
        CarTInfused before = product == null ? null : infusions.get(product);
        if (before == null) {
            throw CommandRefused.notFound("infusion-not-found", "No " + product + " CAR-T infusion of subject "
                    + command.subjectId() + " is recorded.");
        }
        Instant infusedAt = command.infusedAt() != null ? command.infusedAt() : before.infusedAt();
        LocalDate infusionDate = LocalDate.ofInstant(infusedAt, ZoneOffset.UTC);
        // the dose is judged by the version in force on the (corrected) infusion date, which the event records
        ProtocolSettings settings = protocol.effectiveOn(infusionDate);
        CarTInfused after = new CarTInfused(before.subjectId(), before.siteId(), infusionDate, before.recordedAt(),
                product, infusedAt,
                command.dose10e6CellsPerKg() != null ? command.dose10e6CellsPerKg() : before.dose10e6CellsPerKg(),
                command.weightKg() != null ? command.weightKg() : before.weightKg(),
                command.productLot() != null ? command.productLot() : before.productLot(), settings.version(),
                before.cd22GateEvidence());
        List<CorrectedValue> corrections = Stream.of(
                CorrectedValue.ofChange("infusedAt", before.infusedAt(), after.infusedAt()),
                CorrectedValue.ofChange("occurredOn", before.occurredOn(), after.occurredOn()),
                CorrectedValue.ofChange("dose10e6CellsPerKg", before.dose10e6CellsPerKg(), after.dose10e6CellsPerKg()),
                CorrectedValue.ofChange("weightKg", before.weightKg(), after.weightKg()),
                CorrectedValue.ofChange("productLot", before.productLot(), after.productLot()))
                .filter(Objects::nonNull).toList();
        if (corrections.isEmpty()) {
            throw CommandRefused.ruleBroken("nothing-changed", null,
                    "the infusion already holds these values; nothing was recorded");
        }
        requireOnStudy(command.subjectId(), state, infusionDate);
        LocalDate cd19On = infusedOn.get(CarTProduct.CD19);
        LocalDate cd22On = infusedOn.get(CarTProduct.CD22);
        if (product == CarTProduct.CD22 && infusionDate.isBefore(cd19On)
                || product == CarTProduct.CD19 && cd22On != null && cd22On.isBefore(infusionDate)) {
            throw CommandRefused.ruleBroken("infused-before-cd19", "infusedAt",
                    "CD22 CAR-T cannot be dated before the CD19 infusion ("
                            + (product == CarTProduct.CD19 ? infusionDate + " after the correction" : cd19On) + ").");
        }
        if (!settings.doseInRange(after.dose10e6CellsPerKg())) {
            throw CommandRefused.ruleBroken("dose-out-of-range", "dose10e6CellsPerKg",
                    "dose " + after.dose10e6CellsPerKg().toPlainString() + " x10^6 cells/kg is outside "
                            + settings.minDose10e6CellsPerKg().toPlainString() + "-"
                            + settings.maxDose10e6CellsPerKg().toPlainString() + " x10^6 cells/kg");
        }
        LocalDate lymphodepleted = lymphodepletedBy.get(product);
        if (lymphodepleted == null || lymphodepleted.isAfter(infusionDate)) {
            throw CommandRefused.ruleBroken("no-lymphodepletion", "infusedAt",
                    "No lymphodepletion before " + product + " CAR-T is recorded with its last dose on or before "
                            + infusionDate + ".");
        }
        CarTInfusionCorrected event = new CarTInfusionCorrected(command.subjectId(), before.siteId(), infusionDate,
                Instant.now(clock), product, after, corrections, command.reason().strip(), command.correctedBy());
        apply(event);
        return event;
    }

    /** Corrects a lymphodepletion recorded wrongly, with the reason; it must still end before its infusion. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public LymphodepletionCorrected handle(CorrectLymphodepletion command, ClinicalReadiness readiness, Clock clock) {
        admit(command.subjectId(), command.siteId(), command.scope(), readiness);
        if (command.reason() == null || command.reason().isBlank()) {
            throw CommandRefused.ruleBroken("reason-required", "reason",
                    "a correction names its reason; nothing was recorded");
        }
        LymphodepletionGiven before = lymphodepletions.stream()
                .filter(l -> l.beforeProduct() == command.beforeProduct() && l.occurredOn().equals(command.startedOn()))
                .findFirst().orElseThrow(() -> CommandRefused.notFound("lymphodepletion-not-found",
                        "No lymphodepletion before " + command.beforeProduct() + " CAR-T starting on "
                                + command.startedOn() + " is recorded for subject " + command.subjectId() + "."));
        var height = command.heightCm() != null ? command.heightCm() : before.heightCm();
        var weight = command.weightKg() != null ? command.weightKg() : before.weightKg();
        List<LymphodepletingAgent> agents = command.agents() != null ? List.copyOf(command.agents()) : before.agents();
        LymphodepletionGiven after = new LymphodepletionGiven(before.subjectId(), before.siteId(),
                command.correctedStartedOn() != null ? command.correctedStartedOn() : before.occurredOn(),
                before.recordedAt(), before.beforeProduct(), agents, height, weight,
                BodySurfaceArea.mosteller(height, weight),
                command.lastDoseOn() != null ? command.lastDoseOn() : before.lastDoseOn(), before.protocolVersion());
        List<CorrectedValue> corrections = Stream.of(
                CorrectedValue.ofChange("occurredOn", before.occurredOn(), after.occurredOn()),
                CorrectedValue.ofChange("lastDoseOn", before.lastDoseOn(), after.lastDoseOn()),
                CorrectedValue.ofChange("heightCm", before.heightCm(), after.heightCm()),
                CorrectedValue.ofChange("weightKg", before.weightKg(), after.weightKg()),
                CorrectedValue.ofChange("bodySurfaceAreaM2", before.bodySurfaceAreaM2(), after.bodySurfaceAreaM2()),
                CorrectedValue.ofChange("agents", before.agents(), after.agents()))
                .filter(Objects::nonNull).toList();
        if (corrections.isEmpty()) {
            throw CommandRefused.ruleBroken("nothing-changed", null,
                    "the lymphodepletion already holds these values; nothing was recorded");
        }
        if (after.agents().isEmpty()) {
            throw CommandRefused.ruleBroken("no-agents", "agents", "A lymphodepletion names at least one drug.");
        }
        if (after.lastDoseOn().isBefore(after.occurredOn())) {
            throw CommandRefused.ruleBroken("last-dose-before-start", "lastDoseOn", "The last dose ("
                    + after.lastDoseOn() + ") cannot precede the start (" + after.occurredOn() + ").");
        }
        LocalDate infused = infusedOn.get(after.beforeProduct());
        if (infused != null && after.lastDoseOn().isAfter(infused)) {
            boolean anotherBefore = lymphodepletions.stream().anyMatch(l -> l != before
                    && l.beforeProduct() == after.beforeProduct() && !l.lastDoseOn().isAfter(infused));
            if (!anotherBefore) {
                throw CommandRefused.ruleBroken("no-lymphodepletion", "lastDoseOn", "The " + after.beforeProduct()
                        + " CAR-T infusion on " + infused + " needs a lymphodepletion whose last dose is on or before"
                        + " it.");
            }
        }
        LymphodepletionCorrected event = new LymphodepletionCorrected(command.subjectId(), before.siteId(),
                after.occurredOn(), Instant.now(clock), after.beforeProduct(), before.occurredOn(), after, corrections,
                command.reason().strip(), command.correctedBy());
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
        lymphodepletions.add(event);
        lymphodepletedBy.merge(event.beforeProduct(), event.lastDoseOn(),
                (earlier, later) -> earlier.isBefore(later) ? earlier : later);
    }

    @EventSourcingHandler
    void on(LymphodepletionCorrected event) {
        lymphodepletions.stream()
                .filter(l -> l.beforeProduct() == event.beforeProduct()
                        && l.occurredOn().equals(event.correctedStartedOn()))
                .findFirst().ifPresent(lymphodepletions::remove);
        lymphodepletions.add(event.lymphodepletion());
        lymphodepletedBy.remove(event.beforeProduct());
        lymphodepletions.stream().filter(l -> l.beforeProduct() == event.beforeProduct())
                .map(LymphodepletionGiven::lastDoseOn).min(LocalDate::compareTo)
                .ifPresent(earliest -> lymphodepletedBy.put(event.beforeProduct(), earliest));
    }

    @EventSourcingHandler
    void on(CarTInfused event) {
        subjectId = event.subjectId();
        siteId = event.siteId();
        infusedOn.put(event.product(), event.occurredOn());
        infusions.put(event.product(), event);
    }

    @EventSourcingHandler
    void on(CarTInfusionCorrected event) {
        infusedOn.put(event.product(), event.infusion().occurredOn());
        infusions.put(event.product(), event.infusion());
    }
}
