"""The orchestrations: how the set's machines are run behind the shared network and load balancer.
`vms` is the article's: individual VMs in an availability set or across zones; `scale_set` is
today's: one scale set in Flexible orchestration. What every orchestration builds alike (image, OS
profile, security profile, patching) is in machine.py."""
