"""Today's orchestration: one virtual machine scale set in Flexible orchestration, with its inbound
NAT rule over the backend pool and its autoscale setting, behind the same network and load balancer."""
