package org.cartrial.enrollment.site.domain;

/** Whether a site was registered by an admin: only a registered site screens subjects. */
public interface RegisteredSites {

    boolean isRegistered(String siteId);
}
