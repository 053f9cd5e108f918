"""The builders: each translates the validated spec and the decisions (`components.decisions`)
into azure-native resources, parented to the component (`ResourceScope`, scope.py)."""
