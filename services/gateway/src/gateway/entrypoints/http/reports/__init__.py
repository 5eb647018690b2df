"""``/api/v1/reports``: the reporting service's reports (``ReportingService``)."""
