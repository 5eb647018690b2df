"""What the payment use cases need from outside, as protocols (none yet)."""
