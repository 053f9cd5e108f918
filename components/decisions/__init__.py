"""What the component decides, in pure Python (no Pulumi resources), from the validated spec
(`components.spec`): names, ports, NSG rules, zones, patch settings, ARM IDs, the default
start-up configuration, the Bastion subnet, the monitoring signals, rolling changes and what
replaces a VM. The builders (`components.resources`, `components.orchestrations`) only translate
these decisions into Azure resources; the tests check them without any mock."""
