"""The shared builders: the network, the load balancer, storage, monitoring and Bastion, which
every orchestration stands behind and which know nothing of VMs. Each translates the spec
(`components.spec`) and the decisions (`components.decisions`) into azure-native resources,
parented to the component (`ResourceScope`, scope.py)."""
