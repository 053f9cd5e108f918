"""See what the stack builds without an Azure account.

The offline engine lives here: `azure_mocks` answers Pulumi's resource registrations the way
Azure Resource Manager would (and refuses what Azure refuses), and `harness` runs the stack
program or the component under those mocks. The tests use exactly the same two modules.
"""
