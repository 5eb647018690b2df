"""Entrypoints: the HTTP API (FastAPI) and the uvicorn factory in ``main``."""
