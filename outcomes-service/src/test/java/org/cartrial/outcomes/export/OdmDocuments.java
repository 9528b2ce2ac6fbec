package org.cartrial.outcomes.export;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.cartrial.outcomes.export.domain.ExportCut;
import org.cartrial.outcomes.export.domain.SubjectAudit;
import org.cartrial.outcomes.export.format.OdmAuditTrail;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The ODM audit trail tests' way of writing one subject's audit and reading its items back. */
final class OdmDocuments {

    static final String ODM = "http://www.cdisc.org/ns/odm/v1.3";

    private OdmDocuments() {
    }

    /** The audit trail of {@code audit} as of 2026-12-31, parsed. */
    static Document of(SubjectAudit audit, Instant recordedUpTo) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OdmAuditTrail.write(new ExportCut(LocalDate.of(2026, 12, 31), recordedUpTo, null, "1.0"), List.of(audit), true,
                out);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(out.toByteArray()));
    }

    /** Every ItemData of the item {@code oid}, in document order. */
    static List<Element> items(Document odm, String oid) {
        NodeList all = odm.getElementsByTagNameNS(ODM, "ItemData");
        List<Element> items = new ArrayList<>();
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.getAttribute("ItemOID").equals(oid)) {
                items.add(e);
            }
        }
        return items;
    }

    static String child(Element e, String name) {
        return e.getElementsByTagNameNS(ODM, name).item(0) == null ? null
                : e.getElementsByTagNameNS(ODM, name).item(0).getTextContent();
    }

    static String user(Element e) {
        return ((Element) e.getElementsByTagNameNS(ODM, "UserRef").item(0)).getAttribute("UserOID");
    }
}
