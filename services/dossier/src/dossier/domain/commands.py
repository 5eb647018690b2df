"""Commands the dossier service accepts (none yet)."""
