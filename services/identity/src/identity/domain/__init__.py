"""The identity domain: plain Python, no I/O (accounts, provisioning rules, identity check)."""
