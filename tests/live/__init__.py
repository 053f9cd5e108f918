"""Tests that deploy to a real Azure subscription (skipped without credentials and the Pulumi CLI)."""
