"""The words that signal speech: speech verbs, listeners, pronouns and the phrases around a speaker."""

from __future__ import annotations

from ..words import word_set

# Forms that are as often nouns ("claims", "reports", "states", "estimated") are left out.
SPEECH_VERBS = word_set(
    """said says say told tells tell added adds noted stated explained explains warned warns
    argued argues claimed claim insisted insists suggested suggests agreed agrees wrote writes
    believes believed reported announced asked asks replied replies concluded
    acknowledged acknowledges admitted admits confirmed confirms predicted predicts
    stressed stresses emphasised emphasized observed observes remarked commented contended
    recalled recalls denied denies"""
)
# Verbs that introduce a reported clause only when followed by "that" ("agreed to leave" is not speech).
THAT_ONLY_VERBS = word_set("agreed agrees believes believed warned warns announced denied denies")
LISTENER_VERBS = word_set("told tells tell")
PRONOUNS = {"he": "person", "she": "person", "they": "any", "it": "any", "we": "any", "i": "person"}
DISCOURSE_OPENERS = word_set(
    "however but and yet still meanwhile instead separately earlier later also so then"
)
NP_CUTTERS = word_set("on outside in near who which that when while as because after before")
GENERIC_SOURCES = word_set(
    "analysts sources officials experts observers diplomats residents witnesses authorities"
)
AUXILIARIES = word_set("has have had is are was were will would may might could also")
# Words that show a speech verb is followed by an adverbial, not by what was said.
NOT_A_CLAUSE = word_set(
    """on in at last this earlier today yesterday citing monday tuesday wednesday thursday friday
    saturday sunday against to for about not"""
)
APPOSITIVE_ASIDES = ("citing", "quoting", "according", "who", "which", "speaking")
CITING_VERBS = word_set("cited quoted citing quoting")
