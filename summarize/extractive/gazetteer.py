"""Small word lists the name rules need: countries with their demonyms and capitals, titles,
and the words that mark an organization, an armed group, a facility or a place.

Kept deliberately short and general (news English), not tuned to any one article.
"""

from __future__ import annotations

from ..text.words import word_set

# country: (demonyms, capitals and other metonyms for its government)
_COUNTRIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Afghanistan": (("Afghan",), ("Kabul",)),
    "Algeria": (("Algerian",), ("Algiers",)),
    "Armenia": (("Armenian",), ("Yerevan",)),
    "Azerbaijan": (("Azerbaijani",), ("Baku",)),
    "Belarus": (("Belarusian",), ("Minsk",)),
    "Brazil": (("Brazilian",), ("Brasilia",)),
    "Britain": (("British",), ("London", "Downing Street", "Whitehall")),
    "China": (("Chinese",), ("Beijing",)),
    "Egypt": (("Egyptian",), ("Cairo",)),
    "France": (("French",), ("Paris", "Elysee")),
    "Georgia": (("Georgian",), ("Tbilisi",)),
    "Germany": (("German",), ("Berlin",)),
    "India": (("Indian",), ("New Delhi",)),
    "Iran": (("Iranian",), ("Tehran",)),
    "Iraq": (("Iraqi",), ("Baghdad",)),
    "Israel": (("Israeli",), ("Jerusalem",)),
    "Italy": (("Italian",), ("Rome",)),
    "Japan": (("Japanese",), ("Tokyo",)),
    "Jordan": (("Jordanian",), ("Amman",)),
    "Kazakhstan": (("Kazakh",), ("Astana",)),
    "Lebanon": (("Lebanese",), ("Beirut",)),
    "Libya": (("Libyan",), ("Tripoli",)),
    "Mali": (("Malian",), ("Bamako",)),
    "Mexico": (("Mexican",), ("Mexico City",)),
    "Morocco": (("Moroccan",), ("Rabat",)),
    "North Korea": (("North Korean",), ("Pyongyang",)),
    "Pakistan": (("Pakistani",), ("Islamabad",)),
    "Poland": (("Polish",), ("Warsaw",)),
    "Qatar": (("Qatari",), ("Doha",)),
    "Russia": (("Russian", "Russians"), ("Moscow", "Kremlin")),
    "Saudi Arabia": (("Saudi",), ("Riyadh",)),
    "South Korea": (("South Korean",), ("Seoul",)),
    "Spain": (("Spanish",), ("Madrid",)),
    "Sudan": (("Sudanese",), ("Khartoum",)),
    "Syria": (("Syrian", "Syrians"), ("Damascus",)),
    "Taiwan": (("Taiwanese",), ("Taipei",)),
    "Turkey": (("Turkish", "Turks"), ("Ankara",)),
    "Ukraine": (("Ukrainian", "Ukrainians"), ("Kyiv", "Kiev")),
    "United Arab Emirates": (("Emirati",), ("Abu Dhabi",)),
    "United States": (("American", "Americans", "US", "U.S.", "USA"), ("Washington", "White House")),
    "UK": (("UK", "U.K."), ()),
    "Venezuela": (("Venezuelan",), ("Caracas",)),
    "Yemen": (("Yemeni",), ("Sanaa",)),
}

COUNTRIES: frozenset[str] = frozenset(_COUNTRIES)
DEMONYMS: dict[str, str] = {d: country for country, (ds, _) in _COUNTRIES.items() for d in ds}
# A capital or seat of government used for the state ("Moscow chose not to intervene").
METONYMS: dict[str, str] = {c: country for country, (_, cs) in _COUNTRIES.items() for c in cs}


def country_of(word: str) -> str | None:
    """The country a word names: itself, or by demonym or capital ("Syria’s", "Russian", "Moscow")."""
    word = word.strip().removesuffix("’s").removesuffix("'s")
    return word if word in COUNTRIES else DEMONYMS.get(word) or METONYMS.get(word)


# Words before a name that give a title or role, not part of the name.
TITLES = word_set(
    "mr mrs ms miss dr prof professor president vice prime minister premier chancellor king queen prince "
    "princess sheikh emir sultan ayatollah imam pope gen general col colonel lt lieutenant maj major capt "
    "captain adm admiral sgt sen senator rep gov governor mayor ambassador envoy secretary commander "
    "spokesman spokeswoman spokesperson sir lord lady dame rev judge justice chief deputy foreign defence "
    "defense interior finance former acting"
)
# Lowercase role nouns that make the words before a name a description of that person.
ROLE_NOUNS = word_set(
    "analyst analysts expert experts president dictator leader spokesman spokeswoman spokesperson minister "
    "envoy official commander professor researcher fellow director head chief journalist correspondent "
    "reporter scholar general diplomat ambassador lawmaker senator governor mayor adviser advisor "
    "strategist economist historian specialist activist founder chairman ceo secretary operator company "
    "firm regulator newspaper daily outlet agency broadcaster insurer lender carrier airline administrator"
)
ORGANIZATION_WORDS = word_set(
    "institute council center centre college university school ministry office agency times news post "
    "journal telegraph guardian company corporation corp inc ltd bank party committee commission "
    "organization organisation association foundation union service department court parliament "
    "assembly government administration authority kremlin pentagon reuters afp tass interfax network "
    "press television tv radio daily review program programme fund nations rail railways airlines "
    "airways holdings group minerals mining securities capital partners energy motors industries "
    "systems technologies insurance pharmaceuticals foods media wire cargo lines shipping logistics"
)
ARMED_GROUP_WORDS = word_set(
    "forces militia militias brigade brigades army front guard guards battalion battalions regiment "
    "hezbollah hamas houthis houthi taliban al-qaeda qaeda isis isil daesh wagner pkk ypg sdf hts "
    "rebels insurgents mujahideen"
)
# "Islamic State" and other two-word groups whose words alone say little.
ARMED_GROUP_NAMES = frozenset({"islamic state", "al-shabaab", "boko haram", "al-nusra"})
# Nouns after a demonym that stand for the state itself ("Russian troops have withdrawn").
STATE_FORCE_NOUNS = word_set(
    "forces troops military army soldiers personnel contingent navy jets warplanes aircraft units"
)
# Nouns after a demonym that stand for its government ("the Syrian government").
GOVERNMENT_NOUNS = word_set("government authorities administration leadership regime")
# Words that make a name a place ("Qamishli airport", "Khmeimim Air Base").
FACILITY_NOUNS = word_set(
    "airport airbase base port province region city town village district governorate coast border "
    "square street island river valley mountains sea gulf ocean bay desert camp prison facility"
)
# Prepositions that put a name in a place reading ("in Syria", "from Qamishli").
LOCATIVE_PREPOSITIONS = word_set(
    "in at near from to into across outside inside around toward towards via throughout within "
    "over off along between"
)
# Words that make a capitalized run a region rather than a person ("Middle East").
GEO_WORDS = word_set(
    "middle east west north south eastern western northern southern central upper lower greater "
    "gulf sea coast ocean mediterranean peninsula"
)
MONTHS = word_set(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
WEEKDAYS = word_set("monday tuesday wednesday thursday friday saturday sunday")
# Capitalized words that open sentences but name nobody.
COMMON_CAPITALS = word_set(
    "the a an and but or so yet however meanwhile moreover also still this that these those it its he she "
    "they we i you his her their our my your there here when while since after before as if in on at "
    "by for from with without of to into over under last next some many most both all each every any no "
    "not other another one two three four five six seven eight nine ten several such what which who why "
    "how where then now today yesterday tomorrow according although though because despite once until "
    "unlike instead even just only further first second third new old part hence finally"
)
