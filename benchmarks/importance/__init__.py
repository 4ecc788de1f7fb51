"""Importance benchmark: tunesmith's fANOVA and PED-ANOVA beside Optuna's, on the same trials."""
