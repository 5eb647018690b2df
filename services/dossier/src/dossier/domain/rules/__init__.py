"""Business rules of the dossier domain, one per module, each with its legal basis."""
