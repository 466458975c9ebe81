"""Finding the actors of a story: capitalized name runs, their kinds, and merging name variants.

One entity gathers every variant of a name: full name, surname, title + surname ("Mr Sharaa",
"Ahmed al-Sharaa"), transliterations ("Hmeimim"/"Khmeimim"), an acronym defined in the text
("Syrian Democratic Forces (SDF)"), and a state's demonym or capital used for it ("Russian
troops", "Moscow chose ..."). Mentions keep their sentence so evidence is quoted verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ..schema import ActorKind
from ..text.lexicon import COMPASS
from ..text.names import token_key
from ..text.spans import Span
from ..text.words import TOKEN_RE, word_set, words
from .gazetteer import (
    ARMED_GROUP_NAMES,
    ARMED_GROUP_WORDS,
    COMMON_CAPITALS,
    COUNTRIES,
    DEMONYMS,
    FACILITY_NOUNS,
    GEO_WORDS,
    GOVERNMENT_NOUNS,
    LOCATIVE_PREPOSITIONS,
    METONYMS,
    MONTHS,
    ORGANIZATION_WORDS,
    ROLE_NOUNS,
    STATE_FORCE_NOUNS,
    TITLES,
    WEEKDAYS,
)

_PARTICLES = word_set("al el bin ibn abu de van von der da du di la le of for the")
_NAME_PARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|as|ash|at|an|ar)[-‑]", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_ADJECTIVE = re.compile(r"(?:ish|ese|ist|ian|ern|ic|ni)$")
_POSSESSIVE_NAMES = frozenset({"king's", "queen's", "people's", "women's", "children's", "workers'"})
# Words after a name that show it acting: verbs and auxiliaries (regular past tense is caught apart).
_VERB_WORDS = word_set(
    "said says say told tells added adds noted notes is was are were has have had will would could may "
    "might can should must did does do met meets gave gives took takes made makes sent sends began begins "
    "begun chose chooses fled flees led leads sought seeks seek left leaves went goes came comes won lost "
    "saw sees spoke speaks held holds kept keeps wants want withdrew withdraws drew ordered launched "
    "remain remains still also now instead reportedly already then later"
)
_FUNCTION_WORDS = word_set(
    "the a an and or but with of in at to by for from on as said says told that which who"
)
_OBJECT_STARTS = word_set("a an the its his her their to that on in with for from at over up out off back")
_SKIP_BEFORE_VERB = word_set("also still now instead reportedly already then later previously recently")
_ACTING_BEFORE = re.compile(
    r"(?:\b(?:said|says|told|added|according to|by|citing|cited)\s+(?:the\s+)?)$"
    # The other party of a meeting or talks acts too: "Putin met Syrian President Ahmed al-Sharaa".
    r"|\b(?:met|meets|meeting|met with|talks with|talked with|spoke with|spoke to)\s+(?:[\w’'‑-]+\s+){0,3}$"
)
_TITLE_QUALIFIER = re.compile(r"\b(former|acting|interim|late|then|deputy)\s+$")
_RELATIVE_AFTER = re.compile(r"^,\s+(?:who|which)\s+")
# "the former head of the Mareth Port Authority went on trial": the verb is the head's, not the name's.
_MODIFIER_OF = re.compile(r"\bof\s+(?:the\s+)?$")
_APPOSITIVE = re.compile(
    r"^,\s+((?:a|an|the|(?:[A-Z][\w’'-]*\s){0,3}[A-Z][\w’'-]*[’']s)\s[^,;.:“”\"()]{2,90}?)"
    r"(?:,|(?=\s(?:said|says|told|added|warned|noted|argued)\b))"
)
_ACRONYM_AFTER = re.compile(r"^\s*\(([A-Z][A-Za-z]{1,7})\)")
_MEDIA_CUE = re.compile(
    r"(?:newspaper|news agency|news outlet|outlet|daily|broadcaster|agency|channel|told)\s+$"
    r"|^\s+(?:business daily|newspaper|news agency|reported|reports|said,? citing|cited)\b"
    r"|^[’']s\s+(?:\w+\s+)?(?:correspondent|reporter|editor|journalist|columnist)\b",
    re.IGNORECASE,
)


@dataclass
class Mention:
    """One occurrence of a name (or a demonym standing for a state) in a sentence."""

    span: Span
    surface: str  # the article's text at ``span``
    sentence: int
    title: str | None = None
    locative: bool = False
    acts: bool = False
    standalone: bool = True  # False for a demonym ("Russian troops") or a capital ("Moscow")
    appositive: str | None = None
    media: bool = False


@dataclass
class Entity:
    """Every mention of one actor, merged over name variants."""

    key: str
    kind: ActorKind
    mentions: list[Mention] = field(default_factory=list)
    country: str | None = None

    @cached_property
    def name(self) -> str:
        """The fullest standalone form the article uses (read once the mentions are complete)."""
        forms = [m.surface for m in self.mentions if m.standalone]
        if self.key.startswith("government:"):
            forms = [form for form in forms if form.split()[-1] in GOVERNMENT_NOUNS] or forms
            if not forms and self.country not in COUNTRIES:
                # A country the word lists do not know, named only as "Lenvaria's government".
                forms = [m.surface for m in self.mentions if m.surface[:1].isupper()]
        if not forms:
            return self.country or self.mentions[0].surface
        counts = {form: forms.count(form) for form in forms}
        return max(
            forms,
            key=lambda form: (
                len(form.split()) if self.kind is ActorKind.person else 0,
                counts[form],
                -forms.index(form),
            ),
        )

    @property
    def acting(self) -> int:
        return sum(1 for m in self.mentions if m.acts)

    @property
    def is_place(self) -> bool:
        """Named only where something happens: "in Qamishli", "Hmeimim airbase"."""
        located = sum(1 for m in self.mentions if m.locative)
        return self.kind is ActorKind.other and 2 * located >= len(self.mentions)

    @property
    def is_media(self) -> bool:
        return self.kind is not ActorKind.person and any(m.media for m in self.mentions)


def _is_capitalized(token: str) -> bool:
    return token[:1].isupper() or bool(_NAME_PARTICLE_PREFIX.match(token) and token[3:4].isupper())


def _is_adjective_compound(token: str) -> bool:
    """ "Kurdish-led", "US-trained": a capitalized word that describes, not names."""
    parts = re.split(r"[-‑]", token)
    if len(parts) < 2 or _NAME_PARTICLE_PREFIX.match(token):
        return False
    return parts[-1][:1].islower() or any(p in DEMONYMS or p in COUNTRIES or p.endswith("o") for p in parts)


@dataclass
class _Run:
    start: int
    end: int
    tokens: list[str]


def _name_runs(article: str, sentence: Span, lowercase_words: set[str]) -> list[_Run]:
    """Maximal runs of capitalized tokens in a sentence, without sentence-initial common words."""
    tokens = [
        (m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(article, sentence.start, sentence.end)
    ]
    runs: list[_Run] = []
    current: list[tuple[int, int, str]] = []

    def close() -> None:
        while current and current[-1][2].lower() in _PARTICLES:
            current.pop()
        while current and current[0][2] in ("The", "A", "An"):
            current.pop(0)
        following = article[current[-1][1] : current[-1][1] + 2] if current else ""
        if (
            current
            and re.fullmatch(r" [a-z]", following)
            and all(_ADJECTIVE.search(t[2]) and t[2] not in DEMONYMS for t in current)
        ):
            current.clear()  # "Kurdish forces", "Islamist militias": adjectives, not names
        if current:
            runs.append(_Run(current[0][0], current[-1][1], [t[2] for t in current]))
        current.clear()

    for index, (start, end, token) in enumerate(tokens):
        gap = article[current[-1][1] : start] if current else ""
        # "Tallberg & Moe", "Rail Workers' Union": a firm's "&" and a plural possessive inside a name.
        plural_possessive = gap in ("' ", "’ ") and current and current[-1][2].endswith("s")
        joined = not current or gap in (" ", "\u00a0", " & ") or bool(plural_possessive)
        if not joined:
            close()
        lower = token.lower()
        preceding = article[sentence.start : start].rstrip("\"'“‘( ")
        initial = not preceding or preceding.endswith((".", "!", "?", ":", "“", '"'))
        if _is_adjective_compound(token) or not (_is_capitalized(token) or (current and lower in _PARTICLES)):
            close()
            continue
        if not current and (
            re.match(r"I(?:$|['’])", token)
            or (
                initial
                and (
                    lower in COMMON_CAPITALS
                    or lower in lowercase_words
                    or lower in ROLE_NOUNS
                    or lower.rstrip("s") in ROLE_NOUNS
                    or re.search(r"(?:ed|ing)$", lower)
                )
            )
        ):
            continue
        if lower in MONTHS or lower in WEEKDAYS:
            close()
            continue
        current.append((start, end, token))
        if (
            _POSSESSIVE.search(token) and lower.replace("’", "'") not in _POSSESSIVE_NAMES
        ) or index + 1 == len(tokens):
            close()
    close()
    return runs


def _strip_possessive(article: str, start: int, end: int) -> int:
    match = _POSSESSIVE.search(article[start:end])
    return start + match.start() if match else end


@dataclass
class FoundMention:
    """A mention with its merge key ("state:Russia", "name:ahmed shara") and a kind hint."""

    mention: Mention
    key: str
    kind_hint: ActorKind | None
    country: str | None = None
    acronym: str | None = None


def _describe_before(article: str, sentence: Span, start: int) -> str | None:
    """Lowercase role words just before a name ("political analyst Dmitry Bridzhe")."""
    clause = re.split(r"[,;:.“”\"()]", article[sentence.start : start])[-1]
    chunk = words(clause)[-4:]
    kept: list[str] = []
    for word in reversed(chunk):
        if word.lower() in _FUNCTION_WORDS or not (word.islower() or word in DEMONYMS):
            break
        kept.insert(0, word)
    if kept and kept[-1].lower() in ROLE_NOUNS:
        return " ".join(kept)
    return None


def is_locative(before: str, after: str, tokens: list[str]) -> bool:
    """True when a name reads as a place: "in Syria", "the province of Hasakah", "Qamishli airport"."""
    # "in northeast Syria": a compass word between the preposition and the name.
    previous = [w for w in words(before) if w not in ("the", "The") and w.lower() not in COMPASS][-2:]
    following = [w.lower() for w in words(after[:40])[:2]]
    if previous and previous[-1] in LOCATIVE_PREPOSITIONS:
        return True
    if len(previous) == 2 and previous[1] == "of" and previous[0] in FACILITY_NOUNS:
        return True
    if tokens[-1].lower() in FACILITY_NOUNS or (following and following[0] in FACILITY_NOUNS):
        return True
    return (
        len(following) == 2
        and following[0] in {"air", "naval", "military"}
        and following[1] in FACILITY_NOUNS
    )


def acts_after(text_after: str) -> bool:
    """True when the words after a name make it the subject of a verb ("Moscow chose", "Halm,
    who ran the port, denied", "Ahmed al-Sharaa, who has affirmed ...")."""
    relative = _RELATIVE_AFTER.match(text_after)
    if relative:
        text_after = text_after[relative.end() :]
    tokens = words(text_after[:60])
    for word in tokens[:3]:
        lower = word.lower()
        if lower in _SKIP_BEFORE_VERB:
            continue
        if lower in _VERB_WORDS or (lower.endswith("ed") and len(lower) > 4):
            return True
        # "Russia maintains a ...": a third-person verb, told from a plural noun by what follows it.
        following = tokens[tokens.index(word) + 1] if tokens.index(word) + 1 < len(tokens) else ""
        return bool(re.fullmatch(r"[a-z]{3,}[^s]s", word)) and (
            following.lower() in _OBJECT_STARTS or following[:1].isupper()
        )
    return False


def find_mentions(article: str, sentences: list[Span], speaker_starts: list[int]) -> list[FoundMention]:
    """Every name mention in the given sentences, with a merge key and a kind hint.

    A mention holding the start of a speaker the attribution finder names is acting, wherever
    the name rules missed the verb.
    """
    lowercase_words = {word for word in words(article) if word[:1].islower()}
    found: list[FoundMention] = []
    for index, sentence in enumerate(sentences):
        for run in _name_runs(article, sentence, lowercase_words):
            found.extend(_mentions_from_run(article, sentence, index, run))
    for item in found:
        if any(item.mention.span.covers(start) for start in speaker_starts):
            item.mention.acts = True
    return found


def _mentions_from_run(article: str, sentence: Span, index: int, run: _Run) -> list[FoundMention]:
    tokens = list(run.tokens)
    start = run.start
    titles: list[str] = []
    # Leading titles and a demonym before a title are role words, not the name.
    while len(tokens) > 1 and (
        tokens[0].lower().rstrip(".") in TITLES
        or (tokens[0] in DEMONYMS and tokens[1].lower().rstrip(".") in TITLES)
    ):
        titles.append(tokens.pop(0))
        start = article.index(tokens[0], start + len(titles[-1]))
    if titles:
        # "former President Bashar al-Assad": the lowercase word that changes the title goes with it.
        qualifier = _TITLE_QUALIFIER.search(article, sentence.start, run.start)
        if qualifier:
            titles.insert(0, qualifier.group(1))
    end = _strip_possessive(article, start, run.end)
    surface = article[start:end]
    after = article[end : sentence.end]
    next_word = (words(after[:40]) or [""])[0].lower()
    noun = re.match(r"\s+([a-z]+)\b", after)
    if surface in DEMONYMS and noun and noun.group(1) in GOVERNMENT_NOUNS | STATE_FORCE_NOUNS:
        # "Russian troops", "the Syrian government": the phrase is the mention.
        end += noun.end()
        after = article[end : sentence.end]
    before = article[sentence.start : start].lower()
    appositive = _APPOSITIVE.match(after)
    if appositive and any(w.lower() in _VERB_WORDS for w in words(appositive.group(1))):
        appositive = None  # ", the payments began in 2016": a clause, not a description of the name
    after_appositive = after[appositive.end() :] if appositive else after
    mention = Mention(
        span=Span(start, end),
        surface=article[start:end],
        sentence=index,
        title=" ".join(titles) or _describe_before(article, sentence, run.start),
        locative=is_locative(before, after, tokens),
        acts=(acts_after(after_appositive) and not _MODIFIER_OF.search(before))
        or bool(_ACTING_BEFORE.search(before)),
        appositive=appositive.group(1) if appositive else None,
        media=bool(_MEDIA_CUE.search(before) or _MEDIA_CUE.match(after)),
    )
    acronym_match = _ACRONYM_AFTER.match(after)
    acronym = acronym_match.group(1) if acronym_match else None
    return [_classify(mention, tokens, next_word, acronym)]


def _classify(mention: Mention, tokens: list[str], next_word: str, acronym: str | None) -> FoundMention:
    # "Syrian Democratic Forces", "Russian International Affairs Council": a body's own name.
    named_body = len(tokens) > 1 and {t.lower() for t in tokens[1:]} & (
        ORGANIZATION_WORDS | ARMED_GROUP_WORDS
    )
    surface = mention.surface.split()[0] if tokens[0] in DEMONYMS and not named_body else mention.surface
    keys = [token_key(t) for t in tokens]
    key = " ".join(k for k in keys if k)
    lower_tokens = {t.lower() for t in tokens}
    if surface in COUNTRIES or (surface in DEMONYMS and surface.isupper()):
        country = DEMONYMS.get(surface, surface)
        return FoundMention(mention, "state:" + country, ActorKind.state, country)
    if surface in DEMONYMS:
        country = DEMONYMS[surface]
        mention.standalone = False
        mention.locative = False
        if next_word in GOVERNMENT_NOUNS:
            mention.standalone = True
            return FoundMention(mention, "government:" + country, ActorKind.state, country)
        if next_word in STATE_FORCE_NOUNS or surface.endswith("s"):
            return FoundMention(mention, "state:" + country, ActorKind.state, country)
        return FoundMention(mention, "demonym:" + surface, None)
    if surface in METONYMS and not mention.locative:
        mention.standalone = False
        return FoundMention(mention, "state:" + METONYMS[surface], ActorKind.state, METONYMS[surface])
    if mention.locative:
        mention.acts = False  # "the deployment in Syria is ...": the verb belongs to another subject
    kind: ActorKind | None = None
    named_body = lower_tokens & (ORGANIZATION_WORDS | ARMED_GROUP_WORDS)
    if tokens[-1].lower() in FACILITY_NOUNS or (lower_tokens & GEO_WORDS and not named_body):
        while len(keys) > 1 and tokens[-1].lower() in FACILITY_NOUNS | {"air", "naval", "military"}:
            tokens.pop()
            keys.pop()
        return FoundMention(mention, "name:" + " ".join(keys), None)
    if surface.lower() in ARMED_GROUP_NAMES or lower_tokens & ARMED_GROUP_WORDS:
        kind = ActorKind.armed_group
    elif lower_tokens & ORGANIZATION_WORDS or mention.media or "&" in mention.surface:
        kind = ActorKind.organization
    elif mention.title or (len(tokens) >= 2 and not any(t in DEMONYMS or t in COUNTRIES for t in tokens)):
        kind = ActorKind.person
    return FoundMention(mention, "name:" + key, kind, acronym=acronym)


def merge_entities(found: list[FoundMention]) -> list[Entity]:
    """Group mentions into entities: same key, surname of a person, acronym, government of a state."""
    by_key: dict[str, Entity] = {}
    order: list[str] = []
    for item in found:
        if item.key.startswith("demonym:"):
            continue
        entity = by_key.get(item.key)
        if entity is None:
            entity = by_key[item.key] = Entity(
                item.key, item.kind_hint or ActorKind.other, country=item.country
            )
            order.append(item.key)
        elif item.kind_hint is not None and entity.kind is ActorKind.other:
            entity.kind = item.kind_hint
        entity.mentions.append(item.mention)
    aliases: dict[str, str] = {}
    for item in found:
        if item.acronym:
            aliases["name:" + token_key(item.acronym)] = item.key
    people = [by_key[k] for k in order if by_key[k].kind is ActorKind.person and " " in k]
    for key in order:
        entity = by_key[key]
        if " " in key or not key.startswith("name:"):
            continue
        last = key.removeprefix("name:")
        matches = [p for p in people if p.key.split()[-1] == last]
        if len(matches) == 1:
            aliases[key] = matches[0].key
    # A state's government is the state's actor when both appear ("Syrian government", "Damascus").
    for key in order:
        if key.startswith("government:"):
            aliases.setdefault("state:" + key.removeprefix("government:"), key)
    merged: dict[str, Entity] = {}
    for key in order:
        target = aliases.get(key, key)
        while target in aliases and aliases[target] != target:
            target = aliases[target]
        entity = by_key[key]
        if target not in by_key:
            target = key
        into = merged.setdefault(target, Entity(target, by_key[target].kind, country=by_key[target].country))
        into.mentions.extend(entity.mentions)
        if into.kind is ActorKind.other:
            into.kind = entity.kind
    for entity in merged.values():
        entity.mentions.sort(key=lambda m: m.span.start)
        if entity.kind is ActorKind.other and any(m.title for m in entity.mentions):
            entity.kind = ActorKind.person
    return list(merged.values())
