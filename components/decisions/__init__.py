"""What the component decides, in pure Python (no Pulumi resources): the validated spec, names,
ports, NSG rules, zones, patch settings, ARM IDs, the default start-up configuration, the Bastion
subnet and the monitoring signals. The builders in `components.resources` only translate these
decisions into Azure resources; the tests check them without any mock."""
