"""Entry point of the `azure-multi-vm` component package (see PulumiPlugin.yaml).

Pulumi starts this when a stack in another language uses the package. It serves
`LoadBalancedVmSet` over Pulumi's provider protocol; the schema that `pulumi package add`
turns into an SDK is inferred from the component's typed arguments and outputs.
"""

import sys
from pathlib import Path

# Pulumi runs this file from the package root's virtualenv; `components` lives beside this folder.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pulumi.provider import main

from components import LoadBalancedVmSet, tune_garbage_collector
from provider.package import PackageProvider

__all__ = ["LoadBalancedVmSet"]  # a top-level name, for Pulumi's component discovery

if __name__ == "__main__":
    tune_garbage_collector()
    # What `component_provider_host` does, with the package's own provider: serve it over gRPC
    # on a free port, print the port, and take the engine's address from the arguments.
    main(PackageProvider(), sys.argv[1:])
