"""The component package's provider: hosts `LoadBalancedVmSet` for TypeScript, Go, C#, Java and YAML stacks."""
