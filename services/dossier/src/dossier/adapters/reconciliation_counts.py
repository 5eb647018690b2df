"""What the reporting service's reconciliation compares with its procedures read model
(ADR 0035): the province's dossiers and their status changes (each history entry one
``DossierStatusChanged``)."""

COUNT_SQL = """
SELECT 'dossiers', count(*) FROM dossiers WHERE province_code = :province
UNION ALL
SELECT 'status_changes', count(*) FROM dossier_history h JOIN dossiers d ON d.id = h.dossier_id
 WHERE d.province_code = :province
"""
