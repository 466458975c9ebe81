"""Words the outlet comparison needs beyond the shared lexicon: how a value is qualified
(approximate, bounded, per item, at what moment), what counts money, which predicates mean
the same event, which titles rank, and which places are vague.

Kept to general news English, never tuned to one story. The tokenizer, stopwords, numbers,
months, weekdays and durations come from ``summarize.text``; these lists only add meaning.
"""

from __future__ import annotations

from ..text.words import word_set

# "about 300", "some 7,000", "an estimated 7,000": the value is rounded.
APPROXIMATORS = word_set("about around approximately roughly some nearly almost estimated circa approx close")
# "up to five years", "less than an hour": the value bounds the fact from above ...
UPPER_BOUNDS = word_set("up under below less fewer most maximum")
# ... or from below ("more than 100", "at least 12", "over 300").
LOWER_BOUNDS = word_set("more over above least exceeding minimum upwards")
# "each count carries ...", "per share": a value per item is not the total.
DISTRIBUTIVE = word_set("each per every apiece a-piece")

# Money: a currency word or symbol makes a number an amount of money.
CURRENCIES = word_set(
    """dollar dollars usd euro euros eur pound pounds gbp sterling yen yuan renminbi rupee rupees
    rouble roubles ruble rubles franc francs crown crowns krona kronor krone kroner lira lire zloty
    dinar dinars dirham dirhams riyal riyals shekel shekels peso pesos rand won real reais hryvnia
    lari lev forint koruna"""
)
CURRENCY_SYMBOLS = {"$": "dollar", "€": "euro", "£": "pound", "¥": "yen", "₽": "rouble", "₹": "rupee"}
# Scale words after a number ("140 million", "140m", "$2bn").
SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
PERCENT_WORDS = word_set("% percent per-cent pc")
# Units of measure, one name each ("10 km" and "10 kilometres" are one distance).
MEASURE_UNITS = {
    "km": "kilometre", "kms": "kilometre", "kilometres": "kilometre", "kilometers": "kilometre",
    "kilometer": "kilometre", "m": "metre", "metres": "metre", "meters": "metre", "meter": "metre",
    "mi": "mile", "miles": "mile", "kg": "kilogram", "kgs": "kilogram", "kilograms": "kilogram",
    "t": "tonne", "tonnes": "tonne", "tons": "tonne", "ton": "tonne", "ha": "hectare", "hectares": "hectare",
    "mph": "mile per hour", "km/h": "kilometre per hour", "ft": "foot", "feet": "foot",
    "quake": "earthquake", "tremor": "earthquake",
}  # fmt: skip
# Measures named before their number ("magnitude 6.4", "category 4", "level 3").
MEASURES_BEFORE = word_set("magnitude category level grade stage phase tier number no")

# Units of time in days (a month and a year as their average lengths).
DAYS_IN = {
    "second": 1 / 86400,
    "minute": 1 / 1440,
    "hour": 1 / 24,
    "day": 1.0,
    "week": 7.0,
    "fortnight": 14.0,
    "month": 365.25 / 12,
    "year": 365.25,
    "decade": 3652.5,
    "century": 36525.0,
}

# Moments of a trading day or of a day's events: two readings at different moments are two facts.
MOMENTS = word_set(
    """early late opening open opened close closed closing midday intraday morning afternoon evening
    night overnight peak high low start end later earlier initially first final"""
)
# A figure that moves ("the death toll rose to 150", "has climbed to"): a reading of a count that
# changes over time, which another outlet may give at another time.
CHANGING = word_set(
    """rise rose risen climb reach grow grew grown increase jump mount swell update revise latest
    preliminary initial initially provisional so-far now"""
)
# Running totals: a figure that "rose to" is a reading of one of these.
TALLIES = word_set("toll tally count number figure total")

# People nouns: "7,000 investors", "7,000 savers" and "7,000 people" count the same kind of thing.
PEOPLE_NOUNS = word_set(
    """person people man men woman women child children investor investors saver savers victim victims
    resident residents civilian civilians worker workers employee employees staff member members
    customer customers client clients passenger passengers voter voters patient patients student
    students soldier soldiers troop troops fighter fighters militant militants migrant migrants
    refugee refugees protester protesters prisoner prisoners detainee detainees hostage hostages
    pensioner pensioners user users household households family families citizen citizens individual
    individuals adult adults associate associates suspect suspects official officials personnel"""
)

# Predicates that name one event in several words ("arrested"/"detained", "moved"/"transferred").
PREDICATE_GROUPS: tuple[frozenset[str], ...] = tuple(
    word_set(group)
    for group in (
        "arrest detain apprehend seize capture hold custody remand jail imprison",
        "move transfer send ship relocate redeploy transport shift head",
        "withdraw pull leave evacuate abandon exit quit depart retreat relinquish sacrifice cede surrender",
        "station deploy base post position garrison locate situate",
        "found establish create launch start set",
        "kill die dead death",
        "injure wound hurt",
        "extend prolong renew lengthen",
        "agree sign accept approve",
        "meet visit talk host",
        "fall drop decline slide slump plunge lose down",
        "rise gain climb jump increase surge up",
        "employ hire staff",
        "charge accuse indict face",
        "oust depose topple overthrow remove fall",
        "lose loss",
        "invest hand deposit",
        "stop halt suspend cease freeze",
        "investigate investigation probe inquiry case",
        "cite quote report",
        "take seize capture recapture expel",
        "airport airbase airfield base facility outpost",
        "hit strike struck jolt shake rock",
    )
)

# Ranks below the post itself: a "deputy governor" is not "the governor".
SUBORDINATE_RANKS = word_set("deputy vice assistant associate junior under")
# Rank words inside a title: "chief prosecutor" and "deputy prosecutor" are different posts.
RANKS = word_set(
    "chief deputy assistant vice acting interim senior junior associate principal lead head first second"
)
# Places too vague to contradict a precise one ("abroad" is consistent with "Porto Alba").
VAGUE_PLACES = word_set(
    """abroad overseas home locally nearby elsewhere there here region area country countries state
    territory territories world somewhere place places"""
)
# Place nouns that name an area, which may hold a site of any kind ("the Lindholm district").
AREA_KINDS = word_set(
    """city town village district province region governorate state country territory area capital
    north south east west coast border island valley county municipality neighbourhood neighborhood
    suburb quarter"""
)
# Facility and place nouns that name one kind of place in different words.
PLACE_SYNONYMS: tuple[frozenset[str], ...] = (
    word_set("airport airbase airfield base facility"),
    word_set("port harbour harbor"),
    word_set("capital city town"),
)
# Light verbs say too little to tie two values to one event on their own.
LIGHT_VERBS = word_set("be have do make get go come take give put become remain seem appear say")

# How relations between parties are described: a close relationship and lukewarm relations
# between the same parties, at the same time, cannot both hold.
RELATION_NOUNS = word_set(
    "relation relations relationship relationships ties tie partnership alliance friendship rapport"
)
WARM_QUALITIES = word_set(
    "close warm cordial friendly strong good excellent solid deep positive constructive"
)
COLD_QUALITIES = word_set(
    "lukewarm cool cold frosty icy chilly strained tense poor bad distant hostile troubled rocky uneasy fraught shaky weak"
)
# Words that put a description in the past or make it a change over time ("once-close ties").
FORMERLY = word_set("once formerly previously former erstwhile historically earlier")
# Combining forms of country names in compounds ("Russo-Syrian relations", "Sino-US talks").
COMBINING_FORMS = {
    "russo": "Russia", "sino": "China", "franco": "France", "anglo": "Britain", "indo": "India",
    "turco": "Turkey", "italo": "Italy", "germano": "Germany", "irano": "Iran", "japano": "Japan",
}  # fmt: skip
