"""What the reporting use cases need from outside, as protocols (none yet)."""
