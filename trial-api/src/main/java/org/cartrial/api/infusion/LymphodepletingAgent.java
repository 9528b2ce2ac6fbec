package org.cartrial.api.infusion;

import java.math.BigDecimal;

/** One drug of a lymphodepletion regimen, dosed per square metre of body-surface area. */
public record LymphodepletingAgent(String drug, BigDecimal doseMgPerM2) {
}
