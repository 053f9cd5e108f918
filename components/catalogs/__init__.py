"""Azure's published names and limits, kept as data with their source and date: regions,
service tags, per-resource-type tag limits, VM size families, and per-region fault domains and
availability zones; and which of the azure-native provider's settings pick the cloud. Pure data
and lookups; no Pulumi."""
