"""The words onrecord's rules look for, one module per word family.

Rule code under ``onrecord/nlp/`` holds no word literals of its own: it imports the word
sets from here, so a reviewer can read and extend a vocabulary in one place. Each module
holds plain frozensets, tuples and dicts (lower-cased words or lemmas) and imports no
spaCy. Where two rules need nearly the same list, both lists stand side by side in one
module, each with a comment saying which rule it serves.

- ``reporting_verbs``: cue verbs by use (rescue, repairs, non-responses, denials, modes)
- ``titles``: person titles and roles, honorifics, unique and generic titles
- ``source_nouns``: organisations, outlets, documents, informants, groups, numbers
- ``names``: first names, known office holders, name particles, US states, acronyms
- ``pronouns``: personal, relative and possessive pronouns, articles, subject clitics
- ``hedges``: hedge words, modals, hearsay passives, disclaimer phrases, negation
- ``non_responses``: what a source withholds and what it is asked with
- ``punctuation``: quote marks, dashes, the possessive ending
- ``labels``: line labels that name no speaker ("UPDATE:", "Photo:")
- ``boilerplate``: boilerplate lines of pages and texts, with the reason each is left out
- ``events``: PLOVER 2.0 event verbs, nouns and light verbs, modes, and the status words
- ``markets``: ticker codes and price-move cues of wire market copy ("XAU= added 0.3%")
"""
