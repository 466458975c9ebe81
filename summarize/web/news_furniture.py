"""What we know about news pages that a general-purpose extractor does not.

Two kinds of rule, each about news pages in general and never about one site:

- **Before extraction, on the HTML tree.** Embedded social posts (the standard embed code of
  X/Twitter, Instagram, TikTok, Threads, Bluesky, Reddit, Facebook, Tumblr) are quotations the
  story is built on, but their wrappers are named ``social``/``embed``, which extractors discard as
  share buttons; they are lifted out of their wrappers so the post's text stays in the story.
  Elements with the HTML ``hidden`` attribute are not shown to readers and are removed.
- **After extraction, line by line.** The furniture that survives inside the story's container:
  newsletter and subscription pitches, donation appeals, "have a tip?" and "follow her on
  Twitter" lines, comment counters, "Advertisement" and "story continues below" markers, share
  and reprint labels, "Read more:" teasers, "Updated at 1:23 p.m." stamps, photo credits,
  copyright lines and a lone "By ..." byline. Each rule needs the furniture's wording *and* a short line (or, for sales pitches,
  several sales phrases addressed to the reader), so reporting about subscriptions or donations
  is kept.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from ..text.words import words

_EMBED_CLASS = re.compile(
    r"\b(?:twitter-tweet|twitter-video|instagram-media|tiktok-embed|text-post-media|bluesky-embed"
    r"|reddit-(?:card|embed-bq)|fb-xfbml-parse-ignore|tumblr-post)\b"
)
# A wrapper may hold the post plus its loader script and a little whitespace, nothing more.
_WRAPPER_SLACK_CHARS = 20
_STORY_CONTAINERS = {"body", "article", "main"}


def _text_length(element: HtmlElement) -> int:
    return len("".join(element.text_content().split()))


def lift_embedded_posts(tree: HtmlElement) -> int:
    """Replace each embedded social post's wrappers by a plain <blockquote>; returns how many."""
    lifted = 0
    for post in tree.xpath("//blockquote[@class]"):
        if not _EMBED_CLASS.search(post.get("class", "")):
            continue
        own = _text_length(post)
        wrapper = post
        parent = wrapper.getparent()
        while (
            parent is not None
            and parent.tag not in _STORY_CONTAINERS
            and _text_length(parent) <= own + _WRAPPER_SLACK_CHARS
        ):
            wrapper, parent = parent, parent.getparent()
        post.attrib.clear()  # its class names the embed, which extractors discard
        if wrapper is not post and parent is not None:
            tail, post.tail = wrapper.tail, None
            parent.replace(wrapper, post)
            post.tail = tail
        lifted += 1
    return lifted


def drop_hidden_elements(tree: HtmlElement) -> None:
    """Remove elements with the HTML ``hidden`` attribute (never shown to a reader)."""
    for element in tree.xpath("//body//*[@hidden]"):
        element.drop_tree()


def prepare_news_tree(tree: HtmlElement) -> None:
    """Apply the tree rules in place, before the extractor sees the page."""
    drop_hidden_elements(tree)
    lift_embedded_posts(tree)


# The reader addressed ("you", "your"), or a call to action opening the line. Not "we"/"our"/"us":
# reporting says "told us" and "our members" too.
_TO_THE_READER = re.compile(
    r"\b(?:you|your|yours)\b|^(?:get|join|sign|subscribe|click|tap|download|register|follow"
    r"|try|start|enter|stay|want|don'?t miss|never miss|support|donate)\b",
    re.IGNORECASE,
)
# Quoted speech is reporting even when it says "you": left out before looking for an appeal.
_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")
_SUBSCRIPTION = re.compile(
    r"\b(?:subscri(?:be|bing|ption|ber)s?|newsletters?|sign(?:ing)?[ -]?up|inbox|mailing list)\b",
    re.IGNORECASE,
)
_SALES_PHRASE = re.compile(
    r"\b(?:subscri(?:be|ptions?|bers?)|for (?:as little as|only)|use (?:the )?(?:promo |coupon "
    r"|discount )?code|promo code|free trial|per (?:month|year)|unlimited (?:digital )?access"
    r"|get access|special offer|mobile app|download (?:the|our) app|for more information)\b",
    re.IGNORECASE,
)
_DONATION = re.compile(
    r"\b(?:donat(?:e|ion|ions|ing)|support (?:our|independent|quality) (?:journalism|reporting|work)"
    r"|become a (?:member|patron|supporter)|make a contribution|contribute (?:today|now))\b",
    re.IGNORECASE,
)
_CONTACT = re.compile(
    r"\b(?:(?:can|may) be (?:reached|contacted) (?:at|by|on|via)|(?:have|got) a (?:news |story )?tip\?"
    r"|send (?:us )?(?:your )?(?:news )?tips\b"
    r"|follow (?:him|her|them|us|me) on (?:twitter|x|facebook|instagram|linkedin|threads|bluesky|tiktok)\b"
    r"|email (?:him|her|them|me) at\b|contact (?:the )?(?:author|reporter|writer)\b"
    r"|^write to [^.]{1,60}\bat\s+\S+@\S+)",
    re.IGNORECASE,
)
_COMMENTS = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies)(?:\s*\(\d+\))?$"
    r"|^(?:leave|post|add|write|show|view|load|read|see) (?:a |the |all |\d+ )?(?:comments?|replies)\b"
    r"|^(?:join|start) the (?:discussion|conversation)\b",
    re.IGNORECASE,
)
_AD_MARKER = re.compile(
    r"^(?:advertisement|advertising|sponsored(?: content)?|story continues below(?: advertisement)?"
    r"|continue reading(?: below)?|scroll to continue(?: with content)?"
    r"|article continues (?:below|after (?:this )?advertisement))\W*$",
    re.IGNORECASE,
)
_SHARE_LABEL = re.compile(
    r"^\W*(?:share|tweet|email|print|pin it|whatsapp|facebook|twitter|linkedin|reddit|copy link"
    r"|order reprints|reprints)"
    r"(?:\s+(?:this|on|via|article|story|facebook|twitter|email|link|page))*\W*$",
    re.IGNORECASE,
)
_TEASER = re.compile(
    r"^(?:read more|read also|also read|related(?: articles?| stories| coverage| content| reading)?"
    r"|see also|more on this(?: story)?|recommended|most read|most popular|don'?t miss|must read)"
    r"\s*[:|>»\-–—]",
    re.IGNORECASE,
)
# "Updated at 1:23 p.m.", "Published 3 hours ago", "Posted on Nov. 18, 2019 | 10:02 AM EST": the cue,
# then nothing but date and time words ("Published in 1851, the novel ..." is reporting).
_STAMP = re.compile(
    r"^(?:updated|published|posted|last (?:updated|modified)|first published|modified)\b[\s:]*(.*)$",
    re.IGNORECASE,
)
_DATE_WORD = re.compile(
    r"^(?:\d[\d:./-]*(?:st|nd|rd|th)?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
    r"|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|[ap]\.?m\.?|[a-z]{1,2}[sdt]t|gmt|utc|cet|cest|ist"
    r"|ago|hours?|hrs?|minutes?|mins?|days?|weeks?|today|yesterday|at|on|and|[|,.–—-])$",
    re.IGNORECASE,
)
_PHOTO_CREDIT = re.compile(
    r"^(?:photo|image|picture|video|illustration|graphic|credit)s?\s*(?:by|credit|courtesy)?\s*[:|/]"
    r"|\((?:photo|image|picture|credit)s?\s*(?:by|credit|courtesy)?\s*[:/][^)]*\)$"
    r"|\b(?:getty images|shutterstock|afp via getty)\)?$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright\s*(?:©|\(c\))?\s*\d{4})|\ball rights reserved\b", re.IGNORECASE
)
# "By Jane Doe", "By Jane Doe and John Roe, Reuters": capitalised words only.
_BYLINE = re.compile(r"^(?:By|BY)\s+(?:[A-Z][\w.'’-]*[\s,]*(?:and\s+|&\s+)?){1,8}$")


def _is_time_stamp(text: str) -> bool:
    match = _STAMP.match(text)
    if match is None:
        return False
    rest = match.group(1).replace(",", " , ").split()
    return bool(rest) and all(_DATE_WORD.match(word) for word in rest)


def furniture_kind(line: str) -> str | None:
    """Which kind of page furniture a line of extracted text is, or None for story text."""
    text = line.strip()
    count = len(words(text))
    if not count:
        return None
    appeal = _TO_THE_READER.search(_QUOTED.sub(" ", text)) is not None
    checks = (
        (count <= 6 and _COMMENTS.search(text), "comments"),
        (count <= 12 and _AD_MARKER.search(text), "advertising marker"),
        (count <= 8 and _SHARE_LABEL.search(text), "share label"),
        (count <= 40 and _CONTACT.search(text), "contact line"),
        (count <= 40 and appeal and _SUBSCRIPTION.search(text), "sign-up"),
        (
            count <= 100 and appeal and len({phrase.lower() for phrase in _SALES_PHRASE.findall(text)}) >= 3,
            "sales pitch",
        ),
        (count <= 40 and appeal and _DONATION.search(text), "donation appeal"),
        (count <= 12 and _is_time_stamp(text), "time stamp"),
        (count <= 25 and _TEASER.search(text), "teaser"),
        (count <= 25 and _PHOTO_CREDIT.search(text), "photo credit"),
        (count <= 20 and _COPYRIGHT.search(text), "copyright line"),
        (count <= 10 and _BYLINE.match(text), "byline"),
    )
    return next((kind for matched, kind in checks if matched), None)


def drop_furniture_lines(text: str) -> str:
    """The extracted text without its furniture lines (see the module docstring)."""
    return "\n".join(line for line in text.split("\n") if furniture_kind(line) is None)
