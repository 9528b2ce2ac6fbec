package org.cartrial.api.outcomes;

/** Response categories of the protocol (section 4). */
public enum ResponseCategory {
    CR,
    CRI,
    PR,
    NR
}
