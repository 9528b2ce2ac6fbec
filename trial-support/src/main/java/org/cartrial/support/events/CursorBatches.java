package org.cartrial.support.events;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * A read of many read-model documents asks for them in batches. The embedded MongoDB-wire server (mongo-java-server)
 * answers a find without a batch size with every remaining document in one reply, and the driver refuses a reply
 * over 48 MB: at about 40,000 subjects a full read of the subject courses failed. A real MongoDB caps a batch at
 * 16 MB anyway, so the batch size changes nothing there.
 */
public final class CursorBatches {

    /** Documents per reply: a few MB of subject documents. */
    public static final int DOCUMENTS = 2_000;

    private CursorBatches() {
    }

    /** {@code query}, answered in batches. */
    public static Query inBatches(Query query) {
        return query.cursorBatchSize(DOCUMENTS);
    }

    /**
     * The documents {@code query} finds, read lazily one batch at a time through a cursor: memory holds a batch, not
     * the answer. Close the stream (it closes the cursor).
     */
    public static Stream<Document> stream(MongoTemplate mongo, Query query, String collection) {
        return mongo.stream(inBatches(query), Document.class, collection);
    }

    /**
     * Every document of the sites (null: all) in site order, then in {@code _id} order within a site, read lazily: one
     * cursor per site, sorted by {@code _id} (which the {@code _id} index serves), so no sort of the whole collection
     * is needed. Subject read models ordered so are in USUBJID order (study-site-subject) when site codes are capitals
     * and digits. {@code excluded} fields are left out of every document. Close the stream (it closes the cursor).
     */
    public static Stream<Document> bySite(MongoTemplate mongo, String collection, List<String> sites,
            String... excluded) {
        List<String> ordered = new ArrayList<>(sites != null ? sites
                : mongo.findDistinct(new Query(), "siteId", collection, String.class));
        ordered.removeIf(java.util.Objects::isNull);
        ordered = ordered.stream().distinct().sorted().toList();
        SiteBySite documents = new SiteBySite(mongo, collection, ordered, excluded);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(documents, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(documents::close);
    }

    /** A cursor per site, one after the other; pulled one document at a time (a flatMap would drain a whole site). */
    private static final class SiteBySite implements Iterator<Document> {
        private final MongoTemplate mongo;
        private final String collection;
        private final Iterator<String> sites;
        private final String[] excluded;
        private Stream<Document> open;
        private Iterator<Document> current = java.util.Collections.emptyIterator();

        SiteBySite(MongoTemplate mongo, String collection, List<String> sites, String[] excluded) {
            this.mongo = mongo;
            this.collection = collection;
            this.sites = sites.iterator();
            this.excluded = excluded;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext()) {
                close();
                if (!sites.hasNext()) {
                    return false;
                }
                Query query = new Query(Criteria.where("siteId").is(sites.next())).with(Sort.by("_id"));
                for (String field : excluded) {
                    query.fields().exclude(field);
                }
                open = stream(mongo, query, collection);
                current = open.iterator();
            }
            return true;
        }

        @Override
        public Document next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }

        void close() {
            if (open != null) {
                open.close();
                open = null;
            }
        }
    }
}
