"""Words that carry meaning a word-presence check cannot see: polarity, hedging, cause, scope,
direction, and the inflections and opposites that tie one wording to another.

Shared by the checker (claim against evidence) and the rule-based engine. Kept to general
news English; nothing here is tuned to one article.
"""

from __future__ import annotations

from .words import word_set

# Polarity: a claim and its evidence must agree on these around the same fact.
NEGATIONS = word_set(
    """not no never none nobody nothing neither nor without cannot cant wont dont doesnt didnt isnt
    arent wasnt werent hasnt havent hadnt shouldnt wouldnt couldnt denied deny denies refused refuse
    refuses failed fail fails rejected reject rejects unable lack lacks lacked"""
)
# Two-word negations ("no longer", "ruled out").
NEGATION_PHRASES = (
    ("no", "longer"), ("ruled", "out"), ("rule", "out"), ("far", "from"), ("cautioned", "against"),
    ("caution", "against"), ("warned", "against"), ("warn", "against"), ("advised", "against"),
    ("rather", "than"), ("instead", "of"),
)  # fmt: skip

# Hedges: the article does not assert what follows as fact.
HEDGES = word_set(
    """may might could possibly possible reportedly allegedly alleged likely unlikely probably
    perhaps apparently appears appear appeared seems seem seemed suggests suggest suggested
    potential potentially expected rumoured rumored unconfirmed speculation speculated purportedly
    believed considering consider mulling if whether plans planned planning"""
)
# Certainty: a claim that uses these asserts more than a hedged source allows.
CERTAINTY = word_set("will definitely certainly confirmed confirms undoubtedly clearly surely must")

# Cause and purpose: a claim may not add a cause the evidence does not give.
CAUSAL = word_set(
    """because since due owing thanks therefore thus hence consequently caused cause causes causing
    led lead leads prompted prompt prompts triggered trigger triggers forced force forces resulted
    result results reason reasons so order aim aimed aims bid effort intended purpose motivated
    favour favor exchange return"""
)
CAUSAL_PHRASES = (
    ("due", "to"), ("because", "of"), ("led", "to"), ("leads", "to"), ("lead", "to"), ("as", "a", "result"),
    ("in", "order", "to"), ("so", "that"), ("resulted", "in"), ("in", "response", "to"), ("in", "a", "bid"),
    ("in", "an", "effort"), ("aimed", "at"), ("owing", "to"), ("thanks", "to"), ("so", "as", "to"),
    ("in", "favour", "of"), ("in", "favor", "of"), ("in", "exchange", "for"), ("in", "return", "for"),
)  # fmt: skip

# Scope: a claim of the whole when the evidence gives a part, or the reverse.
UNIVERSAL = word_set(
    "all every entire entirely whole wholly completely fully total totally always only sole solely each"
)
PARTIAL = word_set(
    """some part parts partly partially partial several many most swathes swaths much few portion
    portions certain various majority minority half"""
)

# Words that open a clause: a negation or hedge does not reach past them.
CLAUSE_OPENERS = word_set(
    "but and while although though whereas which who that because when after before yet except beyond apart besides"
)
# Determiners: a word after one is a noun, not a verb.
DETERMINERS = word_set("the a an its their his her this that these those our your my some any each every no")

# Units of time: "for a fortnight" and "for 15 days" fill the same slot.
DURATIONS = word_set(
    "second seconds minute minutes hour hours day days week weeks fortnight fortnights month months year years decade decades century centuries"
)
# Prepositions whose object is a checkable slot: a date, a duration, a number or a place.
SLOT_PREPOSITIONS = word_set("since for on in at until till by from to into near during before after as")

# Compass words name a place as much as a proper name does ("north-east Syria", "the south").
COMPASS = word_set(
    """north south east west northern southern eastern western northeast northwest southeast southwest
    northeastern northwestern southeastern southwestern central"""
)
# Prepositions that put a place in a claim: that place must be in the evidence itself.
LOCATIVE = word_set("in at to from near into outside inside across throughout within of")

# Directions that bind a place or actor to one end of a movement.
DIRECTIONAL = {
    "from": "source",
    "to": "goal",
    "into": "goal",
    "towards": "goal",
    "toward": "goal",
    "out": "source",
}

# Verbs whose two participants can be swapped without changing the fact ("A met B" = "B met A").
SYMMETRIC_VERBS = word_set(
    """meet met meets meeting talk talks talked spoke speak discuss discussed discusses negotiate
    negotiated negotiating clash clashed clashes fight fought agree agreed agreement merge merged
    partner partnered sign signed ally allied compete competed married marry"""
)

# Opposites: one in the claim and the other in the evidence about the same thing is a contradiction.
ANTONYMS: tuple[tuple[str, str], ...] = (
    ("sufficient", "insufficient"), ("enough", "insufficient"), ("increase", "decrease"),
    ("increased", "decreased"), ("rise", "fall"), ("rose", "fell"), ("risen", "fallen"), ("higher", "lower"),
    ("more", "fewer"), ("more", "less"), ("won", "lost"), ("win", "lose"), ("accepted", "rejected"),
    ("approved", "rejected"), ("confirmed", "denied"), ("support", "oppose"), ("supported", "opposed"),
    ("allowed", "banned"), ("allow", "ban"), ("open", "closed"), ("opened", "closed"), ("before", "after"),
    ("arrived", "left"), ("start", "end"), ("started", "ended"), ("began", "ended"), ("strengthen", "weaken"),
    ("strengthened", "weakened"), ("stronger", "weaker"), ("up", "down"), ("gain", "loss"), ("gained", "lost"),
    ("expand", "reduce"), ("expanded", "reduced"), ("withdraw", "deploy"), ("withdrew", "deployed"),
    ("leave", "stay"), ("left", "stayed"), ("remain", "leave"), ("retain", "relinquish"), ("keep", "abandon"),
    ("kept", "abandoned"), ("agree", "disagree"), ("agreed", "disagreed"), ("legal", "illegal"),
    ("guilty", "innocent"), ("acquitted", "convicted"), ("victory", "defeat"), ("peace", "war"),
    ("cut", "raised"), ("lowered", "raised"), ("cheaper", "dearer"), ("first", "last"), ("earlier", "later"),
    ("north", "south"), ("east", "west"), ("northern", "southern"), ("eastern", "western"),
)  # fmt: skip

# Irregular inflections, folded to one form so "withdrew" meets "withdrawn" and "withdrawal".
IRREGULAR = {
    "withdrew": "withdraw", "withdrawn": "withdraw", "withdrawal": "withdraw", "met": "meet",
    "said": "say", "says": "say", "left": "leave", "took": "take", "taken": "take", "gave": "give",
    "given": "give", "sent": "send", "began": "begin", "begun": "begin", "fled": "flee", "led": "lead",
    "sought": "seek", "won": "win", "lost": "lose", "held": "hold", "kept": "keep", "made": "make",
    "came": "come", "went": "go", "gone": "go", "saw": "see", "seen": "see", "told": "tell",
    "thought": "think", "brought": "bring", "bought": "buy", "fell": "fall", "fallen": "fall",
    "rose": "rise", "risen": "rise", "struck": "strike", "drew": "draw", "drawn": "draw", "grew": "grow",
    "grown": "grow", "spoke": "speak", "spoken": "speak", "chose": "choose", "chosen": "choose",
    "fought": "fight", "caught": "catch", "built": "build", "paid": "pay", "sold": "sell", "found": "find",
    "stood": "stand", "became": "become", "ran": "run", "wrote": "write", "written": "write", "flew": "fly",
    "flown": "fly", "shot": "shoot", "hid": "hide", "hidden": "hide", "froze": "freeze", "broke": "break",
    "broken": "break", "forgave": "forgive", "dealt": "deal", "meant": "mean", "felt": "feel",
    "heard": "hear", "knew": "know", "known": "know", "understood": "understand", "arose": "arise",
    "bore": "bear", "born": "bear", "swore": "swear", "threw": "throw", "thrown": "throw", "woke": "wake",
    "children": "child", "men": "man", "women": "woman", "people": "person", "troops": "troop",
    "better": "good", "best": "good", "worse": "bad", "worst": "bad",
}  # fmt: skip
