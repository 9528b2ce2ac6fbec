package org.cartrial.outcomes.export.format;

import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.cartrial.outcomes.export.domain.AuditedItem;
import org.cartrial.outcomes.export.domain.ExportCut;
import org.cartrial.outcomes.export.domain.SubjectAudit;

/**
 * The audit trail as CDISC ODM 1.3.2 ClinicalData (FileType Transactional): per subject, per adverse event
 * (ItemGroupData repeated by its id) and, in a StudyEventData of their own, per fact of the clinical course (response
 * assessments RS, relapse RL, death DS, follow-ups FU), each item's history as ItemData transactions in recording order, Insert for
 * its first value and Update for every change, each with its AuditRecord: who (UserRef), where (LocationRef, the
 * site), when (DateTimeStamp), why (ReasonForChange) and the event that carried it (SourceID). The old value of an
 * Update is the Value of the item's transaction before it. Written with the JDK's StAX writer, one subject at a time.
 */
public final class OdmAuditTrail {

    static final String ODM = "http://www.cdisc.org/ns/odm/v1.3";

    private OdmAuditTrail() {
    }

    /** {@code showUsers} false replaces the user by "withheld", for readers who may not know who recorded what. */
    public static void write(ExportCut cut, Iterable<SubjectAudit> subjects, boolean showUsers, OutputStream out)
            throws XMLStreamException {
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("ODM");
        xml.writeDefaultNamespace(ODM);
        xml.writeAttribute("FileType", "Transactional");
        xml.writeAttribute("FileOID", ExportCut.STUDY_ID + ".AUDIT." + cut.dataCutoff());
        xml.writeAttribute("CreationDateTime", moment(cut));
        xml.writeAttribute("ODMVersion", "1.3.2");
        xml.writeAttribute("Granularity", "AllClinicalData");
        xml.writeAttribute("Originator", "Sequential CD19/CD22 CAR-T trial platform");
        xml.writeStartElement("ClinicalData");
        xml.writeAttribute("StudyOID", ExportCut.STUDY_ID);
        xml.writeAttribute("MetaDataVersionOID", "MDV." + cut.protocolVersion());
        for (SubjectAudit subject : subjects) {
            xml.writeStartElement("SubjectData");
            xml.writeAttribute("SubjectKey", subject.subjectId());
            xml.writeAttribute("TransactionType", "Upsert");
            xml.writeEmptyElement("SiteRef");
            xml.writeAttribute("LocationOID", subject.siteId());
            java.util.Map<String, List<AuditedItem>> byForm = new java.util.LinkedHashMap<>();
            byForm.put("AE", new java.util.ArrayList<>());
            subject.items().forEach(i -> byForm.computeIfAbsent(i.itemGroup(), k -> new java.util.ArrayList<>()).add(i));
            for (java.util.Map.Entry<String, List<AuditedItem>> form : byForm.entrySet()) {
                if (!form.getKey().equals("AE") && form.getValue().isEmpty()) {
                    continue;
                }
                xml.writeStartElement("StudyEventData");
                xml.writeAttribute("StudyEventOID", "SE." + form.getKey());
                xml.writeStartElement("FormData");
                xml.writeAttribute("FormOID", "F." + form.getKey());
                String group = null;
                for (AuditedItem item : form.getValue()) {
                    if (!item.repeatKey().equals(group)) {
                        if (group != null) {
                            xml.writeEndElement();
                        }
                        group = item.repeatKey();
                        xml.writeStartElement("ItemGroupData");
                        xml.writeAttribute("ItemGroupOID", "IG." + item.itemGroup());
                        xml.writeAttribute("ItemGroupRepeatKey", group);
                        xml.writeAttribute("TransactionType", "Upsert");
                    }
                    itemData(xml, item, subject.siteId(), showUsers);
                }
                if (group != null) {
                    xml.writeEndElement();
                }
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.flush();
    }

    private static void itemData(XMLStreamWriter xml, AuditedItem item, String site, boolean showUsers)
            throws XMLStreamException {
        boolean first = true;
        for (AuditedItem.Change change : item.changes()) {
            xml.writeStartElement("ItemData");
            xml.writeAttribute("ItemOID", "IT." + item.itemGroup() + "." + item.item());
            xml.writeAttribute("TransactionType", first ? "Insert" : "Update");
            if (change.newValue() == null) {
                xml.writeAttribute("IsNull", "Yes");
            } else {
                xml.writeAttribute("Value", change.newValue());
            }
            xml.writeStartElement("AuditRecord");
            xml.writeAttribute("EditPoint", "DataEntry");
            xml.writeEmptyElement("UserRef");
            xml.writeAttribute("UserOID", showUsers && change.user() != null ? change.user() : "withheld");
            xml.writeEmptyElement("LocationRef");
            xml.writeAttribute("LocationOID", site);
            xml.writeStartElement("DateTimeStamp");
            xml.writeCharacters(change.at().truncatedTo(ChronoUnit.MILLIS).toString());
            xml.writeEndElement();
            if (!first) {
                xml.writeStartElement("ReasonForChange");
                xml.writeCharacters(change.reason() + " (was " + (change.oldValue() == null ? "empty" : change.oldValue())
                        + ")");
                xml.writeEndElement();
            }
            xml.writeStartElement("SourceID");
            xml.writeCharacters(change.eventId());
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
            first = false;
        }
    }

    private static String moment(ExportCut cut) {
        Instant at = cut.recordedUpTo() != null ? cut.recordedUpTo()
                : cut.dataCutoff().atStartOfDay().toInstant(ZoneOffset.UTC);
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

}
