"""The guardrail policies: pure checks (`compute`, `network`, `storage`) and the policy objects (`pack`)."""

from .pack import AVAILABILITY_SET_SIZE, PACK_NAME, POLICIES, RESOURCE_RULES, ResourceRule

__all__ = ["AVAILABILITY_SET_SIZE", "PACK_NAME", "POLICIES", "RESOURCE_RULES", "ResourceRule"]
