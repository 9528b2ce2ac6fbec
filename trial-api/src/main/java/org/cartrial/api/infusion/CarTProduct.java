package org.cartrial.api.infusion;

/** The two CAR-T products of the trial, given in this order. */
public enum CarTProduct {
    CD19,
    CD22
}
