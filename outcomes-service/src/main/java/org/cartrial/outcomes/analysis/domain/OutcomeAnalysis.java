package org.cartrial.outcomes.analysis.domain;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The trial's efficacy and toxicity endpoints (protocol sections 5 and 6) derived from the subjects' courses as of a
 * data cut-off. Subjects not infused by the cut-off are counted as enrolled and are outside every analysis.
 */
public final class OutcomeAnalysis {

    /** The version of the endpoint definitions this class implements (protocol sections 5-6). */
    public static final String ENDPOINT_VERSION = "1.0";

    private final DataCutoff cutoff;
    private final int enrolled;
    private final List<InfusedSubject> infused;
    private final List<Landmark> landmarks;

    private OutcomeAnalysis(DataCutoff cutoff, Collection<SubjectCourse> subjects, List<Landmark> landmarks) {
        this.cutoff = cutoff;
        this.enrolled = subjects.size();
        this.infused = subjects.stream().map(s -> InfusedSubject.of(s, cutoff)).flatMap(Optional::stream).toList();
        this.landmarks = List.copyOf(landmarks);
    }

    /** The analysis of the enrolled subjects at the cut-off, with landmarks at 6, 12, 18 and 24 months. */
    public static OutcomeAnalysis of(Collection<SubjectCourse> subjects, DataCutoff cutoff) {
        return new OutcomeAnalysis(cutoff, subjects, Landmark.PROTOCOL);
    }

    public static OutcomeAnalysis of(Collection<SubjectCourse> subjects, LocalDate cutoff) {
        return of(subjects, DataCutoff.of(cutoff));
    }

    public DataCutoff cutoff() {
        return cutoff;
    }

    /** Every section at once. */
    public OutcomeReport report() {
        return new OutcomeReport(cutoff.date(), counts(), orr(), os(), efs(), dfs(), dfsWindowResponders(), cir(), crs(),
                icans());
    }

    /** Each CD19-infused subject's clocks and outcomes as the endpoints above use them, in the order given. */
    public List<SubjectEndpoints> subjects() {
        return infused.stream().map(SubjectEndpoints::of).toList();
    }

    public CohortCounts counts() {
        return new CohortCounts(enrolled, infused.size(), enrolled - infused.size(),
                count(s -> s.death() != null), count(s -> s.relapse() != null),
                count(s -> cutoff.admits(s.course().cd22InfusionDate())),
                count(s -> s.relapse() != null && s.relapse().cd19() == AntigenStatus.NEGATIVE),
                count(s -> s.relapse() != null && s.relapse().cd22() == AntigenStatus.NEGATIVE),
                count(s -> cutoff.admits(s.course().withdrawalDate())),
                count(s -> !s.overallSurvival().event() && s.overallSurvival().time() == 0));
    }

    public ResponseRate orr() {
        int anyTime = count(InfusedSubject::inRemissionAnyTime);
        int responders = count(InfusedSubject::respondedInWindow);
        return ResponseRate.of(responders, infused.size(), anyTime,
                count(s -> s.inRemissionAnyTime() && !s.respondedInWindow()));
    }

    public SurvivalEndpoint os() {
        return survival("OS", infused.stream().map(InfusedSubject::overallSurvival).toList());
    }

    /** EFS of all infused subjects from day 0; no remission in the ORR window counts as an event on day 0. */
    public SurvivalEndpoint efs() {
        return survival("EFS", infused.stream().map(InfusedSubject::eventFreeSurvival).toList());
    }

    /** DFS from the first CR/CRi on or after day 0, at any time. */
    public SurvivalEndpoint dfs() {
        return survival("DFS", remissions(InfusedSubject::firstRemission).stream().map(TimeInRemission::diseaseFree).toList());
    }

    /** DFS of the ORR responders, from their first CR/CRi inside the window. */
    public SurvivalEndpoint dfsWindowResponders() {
        return survival("DFS of window responders",
                remissions(InfusedSubject::firstRemissionInWindow).stream().map(TimeInRemission::diseaseFree).toList());
    }

    /** CIR: population, origin and censoring as for DFS. */
    public CumulativeIncidenceOfRelapse cir() {
        return CumulativeIncidenceOfRelapse.of(remissions(InfusedSubject::firstRemission), landmarks);
    }

    /** Maximum CRS grade among the infused: adverse events and surveillances dated by the cut-off. */
    public ToxicityGrades crs() {
        return ToxicityGrades.of(infused.stream().map(s -> s.course().crs().maxGrade(cutoff)).toList());
    }

    /** Maximum ICANS grade among the infused: adverse events and surveillances dated by the cut-off. */
    public ToxicityGrades icans() {
        return ToxicityGrades.of(infused.stream().map(s -> s.course().icans().maxGrade(cutoff)).toList());
    }

    private List<TimeInRemission> remissions(Function<InfusedSubject, LocalDate> origin) {
        return infused.stream().filter(s -> origin.apply(s) != null).map(s -> s.remissionFrom(origin.apply(s))).toList();
    }

    private SurvivalEndpoint survival(String endpoint, List<TimeToEvent> observations) {
        // A negative time means dates that contradict each other (e.g. follow-up ending before the origin): refuse
        // to estimate, as the reference does, rather than report a curve built on them.
        if (observations.stream().anyMatch(o -> o.time() < 0)) {
            throw new IllegalStateException(endpoint + ": negative times (inconsistent dates) at cut-off " + cutoff.date());
        }
        return SurvivalEndpoint.of(observations, landmarks);
    }

    private int count(Predicate<InfusedSubject> condition) {
        return (int) infused.stream().filter(condition).count();
    }
}
