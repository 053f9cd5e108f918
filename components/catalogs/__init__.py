"""Azure's published names and limits, kept as data with their source and date: regions,
service tags and per-resource-type tag limits. Pure data and lookups; no Pulumi."""
