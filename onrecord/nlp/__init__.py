"""spaCy side of onrecord: the model, Doc extensions and the analysis components."""
