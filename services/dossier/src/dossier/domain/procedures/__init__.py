"""Procedures as versioned data: model, pure parser, shipped catalog, form validation."""
