package org.cartrial.enrollment.site.domain;

import java.time.Instant;

/**
 * A site was registered (internal to enrollment, like the protocol's amendments: the published language speaks of
 * subjects, and every published screening already names its site).
 */
public record SiteRegistered(String siteId, String name, String country, Instant recordedAt) {
}
