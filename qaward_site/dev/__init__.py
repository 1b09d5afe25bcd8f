"""For developers only, never imported by the runtime: the benchmark and the synthetic content it
builds (`python -m qaward_site.dev.bench`)."""
