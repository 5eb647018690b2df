"""What the reporting service's reconciliation compares with its poverty read model (ADR 0035):
the province's household status decisions by status (each one a ``HouseholdStatusDecided``)."""

COUNT_SQL = """
SELECT c.status, count(*) FROM household_status_changes c
  JOIN households h ON h.household_id = c.household_id
 WHERE h.province_code = :province GROUP BY c.status
"""
