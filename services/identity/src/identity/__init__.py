"""An Sinh identity service."""
