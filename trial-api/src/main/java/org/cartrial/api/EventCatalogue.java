package org.cartrial.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.cartrial.api.enrollment.PatientEnrolled;
import org.cartrial.api.enrollment.PatientScreened;
import org.cartrial.api.enrollment.PatientWithdrawn;
import org.cartrial.api.enrollment.ScreeningFindingsCorrected;
import org.cartrial.api.infusion.CarTInfused;
import org.cartrial.api.infusion.CarTInfusionCorrected;
import org.cartrial.api.infusion.LymphodepletionCorrected;
import org.cartrial.api.infusion.LymphodepletionGiven;
import org.cartrial.api.outcomes.DeathCorrected;
import org.cartrial.api.outcomes.DeathRecorded;
import org.cartrial.api.outcomes.FollowUpCorrected;
import org.cartrial.api.outcomes.FollowUpRecorded;
import org.cartrial.api.outcomes.RelapseCorrected;
import org.cartrial.api.outcomes.RelapseDetected;
import org.cartrial.api.outcomes.ResponseAssessed;
import org.cartrial.api.outcomes.ResponseAssessmentCorrected;
import org.cartrial.api.protocol.ProtocolAmended;
import org.cartrial.api.safety.AdverseEventCorrected;
import org.cartrial.api.safety.AdverseEventRecoded;
import org.cartrial.api.safety.AdverseEventReported;
import org.cartrial.api.safety.AdverseEventUpdated;
import org.cartrial.api.safety.SafetyDeadlineApproaching;
import org.cartrial.api.safety.SafetyDeadlineMet;
import org.cartrial.api.safety.SafetyDeadlineMissed;
import org.cartrial.api.safety.SafetyDeadlineSet;
import org.cartrial.api.safety.SafetySignalRaised;
import org.cartrial.api.safety.ToxicitySurveillanceCompleted;

/** Every published event type, and the CloudEvents type name each travels under. */
public final class EventCatalogue {

    public static final List<Class<? extends TrialEvent>> EVENTS = List.of(
            PatientScreened.class, PatientEnrolled.class, PatientWithdrawn.class, ProtocolAmended.class,
            LymphodepletionGiven.class, CarTInfused.class,
            AdverseEventReported.class, AdverseEventUpdated.class, AdverseEventCorrected.class,
            AdverseEventRecoded.class, SafetySignalRaised.class,
            SafetyDeadlineSet.class, SafetyDeadlineApproaching.class, SafetyDeadlineMissed.class,
            SafetyDeadlineMet.class, ToxicitySurveillanceCompleted.class,
            ResponseAssessed.class, RelapseDetected.class, DeathRecorded.class, FollowUpRecorded.class,
            ResponseAssessmentCorrected.class, RelapseCorrected.class, DeathCorrected.class,
            FollowUpCorrected.class, CarTInfusionCorrected.class, LymphodepletionCorrected.class,
            ScreeningFindingsCorrected.class);

    private static final Map<String, Class<? extends TrialEvent>> BY_TYPE = EVENTS.stream()
            .collect(Collectors.toUnmodifiableMap(EventCatalogue::typeOf, Function.identity()));

    private EventCatalogue() {
    }

    /** The {@code ce_type} of an event class, e.g. {@code org.cartrial.enrollment.PatientScreened.v1}. */
    public static String typeOf(Class<?> eventClass) {
        PublishedEvent published = eventClass.getAnnotation(PublishedEvent.class);
        if (published == null) {
            throw new IllegalArgumentException(eventClass.getName() + " is not a published event");
        }
        return "org.cartrial." + published.context().name().toLowerCase() + "." + eventClass.getSimpleName()
                + ".v" + published.version();
    }

    public static TrialContext contextOf(Class<?> eventClass) {
        PublishedEvent published = eventClass.getAnnotation(PublishedEvent.class);
        if (published == null) {
            throw new IllegalArgumentException(eventClass.getName() + " is not a published event");
        }
        return published.context();
    }

    public static boolean isPublished(Class<?> eventClass) {
        return eventClass.isAnnotationPresent(PublishedEvent.class) && TrialEvent.class.isAssignableFrom(eventClass);
    }

    public static Optional<Class<? extends TrialEvent>> classOf(String ceType) {
        return Optional.ofNullable(BY_TYPE.get(ceType));
    }
}
