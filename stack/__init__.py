"""The stack program's own code (`__main__.py`): its config keys read into the component's
arguments, and the warning for a secret kept in plain text."""
