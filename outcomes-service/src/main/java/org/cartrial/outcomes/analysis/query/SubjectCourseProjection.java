package org.cartrial.outcomes.analysis.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.bson.Document;
import org.cartrial.api.TrialEvent;
import org.cartrial.api.enrollment.PatientEnrolled;
import org.cartrial.api.enrollment.PatientWithdrawn;
import org.cartrial.api.infusion.CarTInfused;
import org.cartrial.api.infusion.CarTInfusionCorrected;
import org.cartrial.api.infusion.CarTProduct;
import org.cartrial.api.outcomes.DeathCorrected;
import org.cartrial.api.outcomes.DeathRecorded;
import org.cartrial.api.outcomes.FollowUpCorrected;
import org.cartrial.api.outcomes.FollowUpRecorded;
import org.cartrial.api.outcomes.RelapseCorrected;
import org.cartrial.api.outcomes.RelapseDetected;
import org.cartrial.api.outcomes.ResponseAssessed;
import org.cartrial.api.outcomes.ResponseAssessmentCorrected;
import org.cartrial.api.outcomes.ResponseCategory;
import org.cartrial.api.safety.AdverseEventDetails;
import org.cartrial.api.safety.AdverseEventVersion;
import org.cartrial.api.safety.ToxicitySurveillanceCompleted;
import org.cartrial.outcomes.analysis.domain.AntigenStatus;
import org.cartrial.outcomes.analysis.domain.MrdStatus;
import org.cartrial.outcomes.analysis.domain.Relapse;
import org.cartrial.outcomes.analysis.domain.ResponseAssessment;
import org.cartrial.outcomes.analysis.domain.SubjectCourse;
import org.cartrial.outcomes.analysis.domain.SyndromeHistory;
import org.cartrial.outcomes.analysis.domain.SyndromeHistory.GradedOnset;
import org.cartrial.support.events.EventPosition;
import org.cartrial.support.events.IdempotentProjection;
import org.cartrial.support.events.ReadModelMirror;
import org.cartrial.support.events.ReceivedEvent;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Each subject's course as every context reported it (one document per subject): enrolment, withdrawal, infusions,
 * response assessments, relapse, death, follow-up, the CRS/ICANS grades of adverse events (every version: report,
 * follow-up, correction, recoding; the latest recorded counts) and the CRS/ICANS
 * surveillances that ended without the syndrome (grade 0, one per syndrome: {@code crsSurveillance},
 * {@code icansSurveillance}, dated by their last day observed). Every fact keeps its
 * clinical date and the moment it was recorded: the analysis decides what a data cut-off admits, and a snapshot
 * "recorded up to" a moment is reproducible later. Repeated facts (assessments, AEs, follow-ups) are maps keyed by
 * their own id, so the document does not depend on the order events arrive in. A correction of an assessment,
 * the relapse, the death, a follow-up or an infusion (a CD19 infusion date is day 0) is kept beside the fact it
 * corrects, keyed by its event id and dated by when it was recorded: the course as of a moment takes the latest
 * correction recorded up to then, so a snapshot "recorded up to" a moment before the correction still gives the
 * figures of that moment.
 */
public class SubjectCourseProjection {

    public static final String COLLECTION = "subject_courses";
    static final String CRS_TERM = "cytokine release syndrome";
    static final String ICANS_TERM = "immune effector cell-associated neurotoxicity syndrome";
    static final List<String> SYNDROMES = List.of("CRS", "ICANS");

    /**
     * What an answer includes: every fact recorded up to {@code recordedUpTo} (the moment of the latest of them),
     * {@code facts} of them. Asking again with the same {@code recordedUpTo} gives the same figures, whatever was
     * recorded since.
     */
    public record Snapshot(List<SubjectCourse> enrolledCourses, Instant recordedUpTo, int facts,
            SortedMap<String, Long> position) {
    }

    private final IdempotentProjection projection;
    private final MongoTemplate mongo;
    /** Every subject's course document, so an analysis does not read every document from MongoDB each time. */
    private final ReadModelMirror<Document> mirror;

    public SubjectCourseProjection(IdempotentProjection projection, MongoTemplate mongo) {
        this(projection, mongo, java.time.Duration.ZERO);
    }

    public SubjectCourseProjection(IdempotentProjection projection, MongoTemplate mongo, java.time.Duration resync) {
        this.projection = projection;
        this.mongo = mongo;
        this.mirror = new ReadModelMirror<>(mongo, COLLECTION, d -> d, resync,
                projection.collections());
    }

    public boolean apply(ReceivedEvent received) {
        TrialEvent event = received.payload();
        long at = (received.recordedAt() == null ? event.recordedAt() : received.recordedAt()).toEpochMilli();
        EventPosition pos = received.position();
        Update update = new Update().set("siteId", event.siteId());
        if (event instanceof PatientEnrolled) {
            update.set("enrolled", fact(event.occurredOn(), at, pos));
        } else if (event instanceof PatientWithdrawn) {
            update.set("withdrawn", fact(event.occurredOn(), at, pos));
        } else if (event instanceof CarTInfused infused) {
            update.set(infused.product() == CarTProduct.CD19 ? "cd19Infused" : "cd22Infused",
                    fact(event.occurredOn(), at, pos));
        } else if (event instanceof CarTInfusionCorrected corrected) {
            update.set((corrected.product() == CarTProduct.CD19 ? "cd19InfusedCorrections." : "cd22InfusedCorrections.")
                    + key(received.eventId()), fact(corrected.infusion().occurredOn(), at, pos));
        } else if (event instanceof ResponseAssessed assessed) {
            update.set("assessments." + key(assessed.assessmentId()), fact(assessed.occurredOn(), at, pos)
                    .append("response", assessed.derivedResponse().name())
                    .append("mrdNegative", assessed.mrdNegative()));
        } else if (event instanceof RelapseDetected relapse) {
            update.set("relapse", fact(relapse.occurredOn(), at, pos).append("cd19Positive", relapse.cd19Positive())
                    .append("cd22Positive", relapse.cd22Positive()));
        } else if (event instanceof DeathRecorded death) {
            update.set("death", fact(death.occurredOn(), at, pos).append("cause", death.cause()));
        } else if (event instanceof FollowUpRecorded) {
            update.set("knownAlive." + key(received.eventId()), fact(event.occurredOn(), at, pos));
        } else if (event instanceof ResponseAssessmentCorrected corrected) {
            ResponseAssessed assessed = corrected.assessment();
            update.set("assessmentCorrections." + key(corrected.assessmentId()) + "." + key(received.eventId()),
                    fact(assessed.occurredOn(), at, pos).append("response", assessed.derivedResponse().name())
                            .append("mrdNegative", assessed.mrdNegative()));
        } else if (event instanceof RelapseCorrected corrected) {
            RelapseDetected relapse = corrected.relapse();
            update.set("relapseCorrections." + key(received.eventId()), fact(relapse.occurredOn(), at, pos)
                    .append("cd19Positive", relapse.cd19Positive()).append("cd22Positive", relapse.cd22Positive()));
        } else if (event instanceof DeathCorrected corrected) {
            update.set("deathCorrections." + key(received.eventId()), fact(corrected.death().occurredOn(), at, pos)
                    .append("cause", corrected.death().cause()));
        } else if (event instanceof FollowUpCorrected corrected) {
            update.set("knownAliveCorrections." + key(received.eventId()), fact(corrected.followUp().occurredOn(), at, pos)
                    .append("was", corrected.correctedKnownAliveOn().toString()));
        } else if (event instanceof AdverseEventVersion version) {
            // every version is kept: a snapshot recorded up to a moment reads the adverse event as it was known then
            AdverseEventDetails ae = version.details();
            update.set("adverseEvents." + key(version.adverseEventId()) + "." + key(received.eventId()),
                    fact(ae.onsetDate() == null ? event.occurredOn() : ae.onsetDate(), at, pos)
                            .append("term", ae.ctcaeTerm()).append("grade", ae.grade()));
        } else if (event instanceof ToxicitySurveillanceCompleted surveillance && !surveillance.syndromeObserved()
                && SYNDROMES.contains(surveillance.syndrome())) {
            update.set(surveillanceField(surveillance.syndrome()), fact(surveillance.observedTo(), at, pos)
                    .append("from", surveillance.observedFrom().toString()));
        } else {
            return false;
        }
        boolean applied = projection.apply(COLLECTION, event.subjectId(), received.eventId(), update);
        if (applied) {
            mirror.applied(event.subjectId());
        }
        return applied;
    }

    /** Every enrolled subject's course from the facts recorded up to a moment (null: all), of some sites or all. */
    public Snapshot snapshot(List<String> sites, Instant recordedUpTo) {
        return snapshot(sites, recordedUpTo, null);
    }

    /**
     * As {@link #snapshot(List, Instant)}, admitting of the facts read from Kafka only those at or before
     * {@code position} (partition -> highest offset; null: any). The answer's own {@code position} is the highest
     * offset of each partition among the facts it admitted: asked again with it, later arrivals are left out, even
     * an event recorded earlier that was still travelling, and even after the read model was rebuilt.
     */
    public Snapshot snapshot(List<String> sites, Instant recordedUpTo, Map<String, Long> position) {
        long limit = recordedUpTo == null ? Long.MAX_VALUE : recordedUpTo.toEpochMilli();
        long latest = Long.MIN_VALUE;
        int facts = 0;
        SortedMap<String, Long> reached = new TreeMap<>();
        List<SubjectCourse> courses = new ArrayList<>();
        for (Document d : mirror.values()) {
            if (sites != null && !sites.contains(d.getString("siteId"))) {
                continue;
            }
            Facts known = new Facts(d, limit, position, reached);
            if (known.single("enrolled") != null) {
                courses.add(known.course());
            }
            latest = Math.max(latest, known.latest);
            facts += known.count;
        }
        // one order whatever order the documents came in, so that the same facts give the same bytes
        courses.sort(Comparator.comparing(SubjectCourse::subjectId));
        return new Snapshot(courses, latest == Long.MIN_VALUE ? null : Instant.ofEpochMilli(latest), facts,
                Collections.unmodifiableSortedMap(reached));
    }

    /** One subject's course as recorded up to a moment (null: not enrolled by then), and its latest admitted fact's moment. */
    public record RecordedCourse(SubjectCourse course, Instant latest) {
    }

    /**
     * The subjects' documents of the sites (null: all) in USUBJID order (site, then subject id), read from MongoDB
     * with cursors in batches rather than from the mirror: for exports, whose memory must not grow with the trial.
     * Turn each into its course with {@link #recorded}; close the stream.
     */
    public java.util.stream.Stream<Document> documentsBySite(List<String> sites) {
        return org.cartrial.support.events.CursorBatches.bySite(mongo, COLLECTION, sites,
                IdempotentProjection.APPLIED_EVENTS);
    }

    /** The course a subject's document holds as recorded up to the moment (null: everything), as in a snapshot. */
    public static RecordedCourse recorded(Document document, Instant recordedUpTo) {
        long limit = recordedUpTo == null ? Long.MAX_VALUE : recordedUpTo.toEpochMilli();
        Facts known = new Facts(document, limit, null, new TreeMap<>());
        SubjectCourse course = known.single("enrolled") != null ? known.course() : null;
        return new RecordedCourse(course, known.latest == Long.MIN_VALUE ? null : Instant.ofEpochMilli(known.latest));
    }

    /** A fact that a sealed position does not include: whose, which (its path in the course), its dates. */
    public record LateFact(String subjectId, String siteId, String fact, LocalDate on, Instant recordedAt) {
    }

    /**
     * The facts dated up to {@code datedUpTo} that were recorded after {@code recordedUpTo} or read after
     * {@code position}: what a sealed cut-off's figures do not include (corrections, late entries), in subject order.
     */
    public List<LateFact> factsAfter(Instant recordedUpTo, Map<String, Long> position, LocalDate datedUpTo) {
        long limit = recordedUpTo == null ? Long.MIN_VALUE : recordedUpTo.toEpochMilli();
        List<LateFact> late = new ArrayList<>();
        for (Document d : mirror.values()) {
            collectLate(d, "", d.getString("_id"), d.getString("siteId"), limit, position, datedUpTo, late);
        }
        late.sort(Comparator.comparing(LateFact::subjectId).thenComparing(LateFact::on)
                .thenComparing(LateFact::fact));
        return late;
    }

    private static void collectLate(Document node, String path, String subjectId, String siteId, long limit,
            Map<String, Long> position, LocalDate datedUpTo, List<LateFact> late) {
        if (node.containsKey("on") && node.containsKey("at")) {
            LocalDate on = LocalDate.parse(node.getString("on"));
            long at = ((Number) node.get("at")).longValue();
            String partition = node.getString("p");
            Number offset = (Number) node.get("o");
            boolean after = partition != null && offset != null && position != null
                    ? offset.longValue() > position.getOrDefault(partition, -1L) : at > limit;
            if (after && !on.isAfter(datedUpTo)) {
                late.add(new LateFact(subjectId, siteId, path, on, Instant.ofEpochMilli(at)));
            }
            return;
        }
        for (Map.Entry<String, Object> field : node.entrySet()) {
            if (field.getValue() instanceof Document child) {
                collectLate(child, path.isEmpty() ? field.getKey() : path + "." + field.getKey(), subjectId, siteId,
                        limit, position, datedUpTo, late);
            }
        }
    }

    private static Document fact(LocalDate on, long recordedAtMillis, EventPosition position) {
        Document fact = new Document("on", on.toString()).append("at", recordedAtMillis);
        if (position != null) {
            fact.append("p", position.partition()).append("o", position.offset());
        }
        return fact;
    }

    /** The facts of one subject's document that were recorded up to the limit. */
    private static final class Facts {
        private final Document document;
        private final long limit;
        private final Map<String, Long> position;
        private final Map<String, Long> reached;
        private long latest = Long.MIN_VALUE;
        private int count;

        Facts(Document document, long limit, Map<String, Long> position, Map<String, Long> reached) {
            this.document = document;
            this.limit = limit;
            this.position = position;
            this.reached = reached;
        }

        private boolean admitted(Document fact) {
            long at = ((Number) fact.get("at")).longValue();
            if (at > limit) {
                return false;
            }
            String partition = fact.getString("p");
            Number offset = (Number) fact.get("o");
            if (partition != null && offset != null) {
                if (position != null && offset.longValue() > position.getOrDefault(partition, -1L)) {
                    return false;
                }
                reached.merge(partition, offset.longValue(), Math::max);
            }
            latest = Math.max(latest, at);
            count++;
            return true;
        }

        Document single(String field) {
            Document fact = document.get(field, Document.class);
            return fact != null && admitted(fact) ? fact : null;
        }

        List<Document> many(String field) {
            return many(document.get(field, Document.class));
        }

        private List<Document> many(Document map) {
            return map == null ? List.of() : map.values().stream().map(Document.class::cast).filter(this::admitted).toList();
        }

        /**
         * Of each entry of a map of versioned facts (id -> event id -> fact), the version recorded last up to the
         * limit. An entry written before versions were kept is the fact itself.
         */
        List<Document> latestVersions(String field) {
            Document map = document.get(field, Document.class);
            if (map == null) {
                return List.of();
            }
            List<Document> latest = new ArrayList<>();
            for (Object entry : map.values()) {
                Document versions = (Document) entry;
                List<Document> admitted = (versions.containsKey("at") ? List.of(versions)
                        : versions.values().stream().map(Document.class::cast).toList())
                        .stream().filter(this::admitted).toList();
                admitted.stream().max(Comparator.comparingLong(v -> ((Number) v.get("at")).longValue()))
                        .ifPresent(latest::add);
            }
            return latest;
        }

        /** The corrections of a map (keyed by event id) recorded up to the limit, in the order recorded. */
        private List<Document> corrections(Document map) {
            if (map == null) {
                return List.of();
            }
            return map.entrySet().stream()
                    .filter(e -> admitted((Document) e.getValue()))
                    .sorted(Comparator.comparing((java.util.Map.Entry<String, Object> e) ->
                            ((Number) ((Document) e.getValue()).get("at")).longValue()).thenComparing(e -> e.getKey()))
                    .map(e -> (Document) e.getValue())
                    .toList();
        }

        /** The fact as last corrected up to the limit (the fact itself when not corrected, null when not known). */
        private Document corrected(Document fact, Document correctionsOfIt) {
            if (fact == null) {
                return null;
            }
            List<Document> corrections = corrections(correctionsOfIt);
            return corrections.isEmpty() ? fact : corrections.get(corrections.size() - 1);
        }

        SubjectCourse course() {
            Document assessmentMap = document.get("assessments", Document.class);
            Document assessmentCorrections = document.get("assessmentCorrections", Document.class);
            List<ResponseAssessment> assessments = assessmentMap == null ? List.of() : assessmentMap.entrySet().stream()
                    .filter(e -> admitted((Document) e.getValue()))
                    .map(e -> corrected((Document) e.getValue(), assessmentCorrections == null ? null
                            : assessmentCorrections.get(e.getKey(), Document.class)))
                    .map(a -> new ResponseAssessment(date(a), ResponseCategory.valueOf(a.getString("response")),
                            mrd(a.getBoolean("mrdNegative"))))
                    .sorted(Comparator.comparing(ResponseAssessment::assessedOn))
                    .toList();
            Document relapse = corrected(single("relapse"), document.get("relapseCorrections", Document.class));
            Document death = corrected(single("death"), document.get("deathCorrections", Document.class));
            List<LocalDate> knownAlive = new ArrayList<>(many("knownAlive").stream().map(SubjectCourseProjection::date)
                    .toList());
            for (Document correction : corrections(document.get("knownAliveCorrections", Document.class))) {
                if (knownAlive.remove(LocalDate.parse(correction.getString("was")))) {
                    knownAlive.add(date(correction));
                }
            }
            LocalDate lastKnownAlive = knownAlive.stream().max(Comparator.naturalOrder()).orElse(null);
            List<Document> adverseEvents = latestVersions("adverseEvents");
            return new SubjectCourse(document.getString("_id"), document.getString("siteId"),
                    date(corrected(single("cd19Infused"), document.get("cd19InfusedCorrections", Document.class))),
                    date(corrected(single("cd22Infused"), document.get("cd22InfusedCorrections", Document.class))),
                    assessments,
                    relapse == null ? null : new Relapse(date(relapse), antigen(relapse.getBoolean("cd19Positive")),
                            antigen(relapse.getBoolean("cd22Positive"))),
                    date(death), lastKnownAlive, date(single("withdrawn")),
                    syndrome(adverseEvents, CRS_TERM, single(surveillanceField("CRS"))),
                    syndrome(adverseEvents, ICANS_TERM, single(surveillanceField("ICANS"))));
        }
    }

    /**
     * The subject's adverse events of that term (onset and grade) and the last day of a surveillance that saw none;
     * the analysis takes the maximum grade as of its cut-off.
     */
    private static SyndromeHistory syndrome(List<Document> adverseEvents, String term, Document noneObserved) {
        List<GradedOnset> graded = adverseEvents.stream()
                .filter(ae -> term.equalsIgnoreCase(ae.getString("term")) && ae.getInteger("grade") != null)
                .map(ae -> new GradedOnset(date(ae), ae.getInteger("grade")))
                .toList();
        return new SyndromeHistory(graded, date(noneObserved));
    }

    private static String surveillanceField(String syndrome) {
        return syndrome.toLowerCase(Locale.ROOT) + "Surveillance";
    }

    private static MrdStatus mrd(Boolean negative) {
        return negative == null ? null : negative ? MrdStatus.NEGATIVE : MrdStatus.POSITIVE;
    }

    private static AntigenStatus antigen(Boolean positive) {
        return positive == null ? null : positive ? AntigenStatus.POSITIVE : AntigenStatus.NEGATIVE;
    }

    private static LocalDate date(Document fact) {
        return fact == null ? null : LocalDate.parse(fact.getString("on"));
    }

    /** Map keys may not contain dots or start with '$' in MongoDB; ids here are UUIDs or simple codes. */
    private static String key(String id) {
        return id.replace('.', '_').replace('$', '_');
    }
}
