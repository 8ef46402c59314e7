"""``python -m onrecord`` runs the CLI."""

from onrecord.cli import cli

cli()
