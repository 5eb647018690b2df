"""Beneficiary registry (đối tượng bảo trợ xã hội): the registry service of An Sinh."""
