"""What the dossier use cases need from outside, as protocols (none yet)."""
