package org.cartrial.web;

import java.util.List;

/** Who is signed in, from the relayed token: the person ({@code sub}), their role, their sites. */
public record Person(String name, String role, List<String> sites) {

    public boolean siteStaff() {
        return role.equals("site-coordinator") || role.equals("investigator");
    }

    public String site() {
        return sites.isEmpty() ? "" : sites.get(0);
    }
}
