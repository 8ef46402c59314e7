"""Stories across outlets: group articles into stories, relate them, trace claims to their origin.

``features`` (per article, made during analysis) → ``cluster`` (which story) → ``relations``
(copy_of, cites, follows_up) and ``claims`` (claim provenance) → ``sourcing`` (first report,
independent reports, what each claim rests on); ``build`` runs them over a store, incrementally,
and ``export`` writes the scorer's JSON Lines. See docs/stories.md.
"""
