#!/usr/bin/env Rscript
# Reads an exported ADTTE (CSV) and writes, per PARAMCD, what survival's survfit gives on it: the Kaplan-Meier
# table of Surv(AVAL, 1 - CNSR) for OS, EFS and DFS, and for CIR the Aalen-Johansen curve with death in remission
# (CMPEVFL = "Y") as the competing event. Usage: Rscript adtte-survfit.R ADTTE.csv OUT.json
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
adtte <- read.csv(args[1], stringsAsFactors = FALSE, na.strings = "")
out <- list()
for (p in c("OS", "EFS", "DFS")) {
  d <- adtte[adtte$PARAMCD == p, ]
  fit <- survfit(Surv(AVAL, 1 - CNSR) ~ 1, data = d, conf.type = "log")
  out[[p]] <- list(time = fit$time, n_risk = fit$n.risk, n_event = fit$n.event, surv = fit$surv,
                   lower = fit$lower, upper = fit$upper)
}
d <- adtte[adtte$PARAMCD == "CIR", ]
state <- ifelse(d$CNSR == 0, 1, ifelse(!is.na(d$CMPEVFL) & d$CMPEVFL == "Y", 2, 0))
fit <- survfit(Surv(d$AVAL, factor(state, levels = 0:2, labels = c("censor", "relapse", "death"))) ~ 1)
out[["CIR"]] <- list(time = fit$time, relapse = fit$pstate[, 2], death = fit$pstate[, 3])
writeLines(toJSON(out, digits = NA, na = "null"), args[2])
