"""The deployment-speed benchmark (`benchmarks/`): its targets, jobs, report and worker."""
