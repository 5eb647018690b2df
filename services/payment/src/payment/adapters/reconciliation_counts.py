"""What the reporting service's reconciliation compares with its budget read model (ADR 0035):
the province's payment lists (a ``ListGenerated`` each), the closed ones (``MonthClosed``) and
the payment results (a ``PaymentResultRecorded`` each)."""

COUNT_SQL = """
SELECT 'lists', count(*) FROM payment_lists WHERE province_code = :province
UNION ALL
SELECT 'closed', count(*) FROM payment_lists WHERE province_code = :province AND state = 'closed'
UNION ALL
SELECT 'results', count(*) FROM payment_results r JOIN payment_lists l ON l.id = r.list_id
 WHERE l.province_code = :province
"""
