"""What the poverty use cases need from outside, as protocols (none yet)."""
