"""The article's orchestration: N individual VMs, each with its NIC, inbound NAT rule, extensions
and readiness gate, in an availability set or across zones, changed batch by batch."""
