"""Training scripts for onrecord's learned models (run with ``python -m onrecord.train.<name>``)."""
