"""Runs that store what they analyse: ``onrecord ingest`` (sources → analysis → one writer).

``sources`` turns command-line arguments into records with the ingest readers; ``ingest``
accounts for every record (stored, unchanged, skipped, failed, already done), keeps the
store's ledger so a killed run resumes, and does all writes in one process.
"""

from onrecord.run.ingest import IngestCounts, IngestOptions, IngestResult, input_key, run_ingest

__all__ = ["IngestCounts", "IngestOptions", "IngestResult", "input_key", "run_ingest"]
