"""The azure-multi-vm stack: a resource group and one LoadBalancedVmSet, from stack config."""

import os

import pulumi
from pulumi_azure_native import resources

from components import LoadBalancedVmSet, tune_garbage_collector
from components.catalogs.provider import provider_settings
from stack.config import COMPONENT_NAME, application_url, read_stack_settings
from stack.secrets import unencrypted_secret_warnings

tune_garbage_collector()  # the program keeps what it allocates: collect less often

# Validates every key first: a bad value fails here, before anything is registered.
# The engine hands config over in-process or, with older language hosts, in PULUMI_CONFIG.
present_keys = {*pulumi.runtime.config.CONFIG.get(), *pulumi.runtime.config.get_config_env()}
project = pulumi.get_project()  # the keys' namespace: Pulumi.yaml's name, whatever `pulumi new` made it
settings = read_stack_settings(
    pulumi.Config().get,
    present_keys=present_keys,
    project=project,
    # The provider's region, cloud and endpoints, as it will read them: config, else ARM_* variables.
    provider=provider_settings(pulumi.Config("azure-native").get, os.environ),
)
for warning in settings.warnings:
    pulumi.log.warn(warning)
# A password set without --secret sits readable in Pulumi.<stack>.yaml: say so.
env_secret_keys = set(pulumi.runtime.get_config_secret_keys_env())
for warning in unencrypted_secret_warnings(
    present_keys, lambda key: pulumi.runtime.is_config_secret(key) or key in env_secret_keys, project
):
    pulumi.log.warn(warning)

# Location: the `location` key, else the provider's (`azure-native:location`).
group = resources.ResourceGroup(f"{pulumi.get_project()}-{pulumi.get_stack()}", location=settings.spec.location)
vm_set = LoadBalancedVmSet(COMPONENT_NAME, {**settings.args, "resource_group_name": group.name})

# The FQDN when there is one, else the frontend: the public IP, or an internal load balancer's private IP.
host = pulumi.Output.all(vm_set.fqdn, vm_set.frontend_ip_address).apply(lambda v: v[0] or v[1])
pulumi.export("resource_group_name", group.name)
pulumi.export("frontend_ip", vm_set.frontend_ip_address)
pulumi.export("public_ip", vm_set.public_ip_address)
pulumi.export("fqdn", vm_set.fqdn)
pulumi.export("url", host.apply(lambda h: application_url(h, settings.spec)))
pulumi.export("nat_endpoints", vm_set.nat_endpoints)
pulumi.export("vm_names", vm_set.vm_names)
pulumi.export("private_ips", vm_set.private_ip_addresses)
pulumi.export("bastion_name", vm_set.bastion_name)
if settings.spec.scale_set is not None:
    pulumi.export("scale_set_name", vm_set.scale_set_name)
    pulumi.export("scale_set_id", vm_set.scale_set_id)
    pulumi.export("nat_port_range", vm_set.nat_frontend_port_range)
