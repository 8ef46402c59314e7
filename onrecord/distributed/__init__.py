"""Beyond one machine: the same stages on Ray Data over sharded inputs (``--engine ray``).

``run_ray`` reads WARC and JSON Lines shards (local paths or ``s3://`` URIs), analyses them
in an actor pool that loads the spaCy pipeline once per actor, and writes one Parquet
dataset per store table and/or the store itself, from a single writer. Ray is an optional
extra (``pip install 'onrecord[ray]'``) and is imported only when ``run_ray`` runs.
See docs/distributed.md.
"""

from onrecord.distributed.ray_engine import run_ray

__all__ = ["run_ray"]
