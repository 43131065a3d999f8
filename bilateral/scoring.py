"""The extraction metric of EXTRACTION.md: meeting and statement precision, recall and F1.

Meetings match one-to-one on the same set of countries and the same named participants (names
compared by their tokens of three letters or more, accents and titles ignored). Statements are
matched by who said what, whatever the cut. The figures equal the contract's reference scorer.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "that",
        "this",
        "these",
        "those",
        "its",
        "it",
        "his",
        "her",
        "their",
        "our",
        "your",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "has",
        "have",
        "had",
        "will",
        "would",
        "should",
        "could",
        "can",
        "may",
        "might",
        "not",
        "also",
        "both",
        "between",
        "two",
        "into",
        "over",
        "after",
        "before",
        "than",
        "such",
        "very",
        "more",
        "most",
    ]
)
TITLE_WORDS = frozenset(
    [
        "president",
        "vice",
        "first",
        "prime",
        "minister",
        "foreign",
        "deputy",
        "secretary",
        "general",
        "chairman",
        "speaker",
        "king",
        "prince",
        "emir",
        "sheikh",
        "mr",
        "ms",
        "mrs",
        "dr",
        "ambassador",
        "envoy",
        "special",
        "chancellor",
        "premier",
        "sayyid",
        "bin",
        "ibn",
        "bint",
        "abu",
        "al",
        "el",
        "van",
        "von",
        "der",
        "den",
        "del",
        "della",
        "dos",
        "das",
    ]
)
WORD_RE = re.compile(r"[a-z]+")
CONTENT_RE = re.compile(r"[a-z0-9]+")
SCORER_BOUNDARY_RE = re.compile(r'[.!?]["”’\']?\s+(?=["“‘\']?[A-Z])|\n')

Doc = dict[str, Any]


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower().replace("’", "'")


def name_tokens(name: str | None) -> set[str]:
    return {t for t in WORD_RE.findall(fold(name or "")) if len(t) >= 3 and t not in TITLE_WORDS}


def content_tokens(text: str | None) -> set[str]:
    return {t for t in CONTENT_RE.findall(fold(text or "")) if t not in STOP and len(t) > 1}


def same_person(a: Doc, b: Doc) -> bool:
    return bool(name_tokens(a.get("name")) & name_tokens(b.get("name")))


def meeting_match(gold: Doc, pred: Doc) -> bool:
    if sorted(set(gold.get("countries") or [])) != sorted(set(pred.get("countries") or [])):
        return False
    gp = [x for x in gold.get("participants") or [] if name_tokens(x.get("name"))]
    pp = [x for x in pred.get("participants") or [] if name_tokens(x.get("name"))]
    return all(any(same_person(x, y) for y in pp) for x in gp) and all(
        any(same_person(y, x) for x in gp) for y in pp
    )


def sentence_span(body: str, text: str) -> tuple[int, int] | None:
    """The span of the sentence(s) of `body` that hold `text` verbatim, or None."""
    i = body.find(text)
    if i < 0:
        return None
    j = i + len(text)
    bounds = [m.end() for m in SCORER_BOUNDARY_RE.finditer(body)]
    lo = max([b for b in bounds if b <= i], default=0)
    hi = min([b for b in bounds if b >= j], default=len(body))
    return lo, hi


def match_statements(body: str, gold: list[Doc], pred: list[Doc]) -> tuple[dict[int, int], set[int]]:
    """Found gold statements (gold index -> best prediction) and the correct predictions."""
    gtoks = [content_tokens(g.get("text")) for g in gold]
    ptoks = [content_tokens(p.get("text")) for p in pred]
    found: dict[int, int] = {}
    for i, g in enumerate(gold):
        cands = [
            j
            for j, p in enumerate(pred)
            if same_person(g.get("speaker") or {}, p.get("speaker") or {}) and len(ptoks[j] & gtoks[i]) >= 2
        ]
        if not cands or not gtoks[i]:
            continue
        covered = set().union(*(ptoks[j] & gtoks[i] for j in cands))
        if len(covered) / len(gtoks[i]) >= 0.5:
            overlap = [len(ptoks[j] & gtoks[i]) for j in cands]
            found[i] = cands[overlap.index(max(overlap))]  # the first best, as the reference scorer
    correct: set[int] = set()
    for j, p in enumerate(pred):
        if not ptoks[j]:
            continue
        zone: set[str] = set()
        for i, g in enumerate(gold):
            if same_person(g.get("speaker") or {}, p.get("speaker") or {}):
                span = sentence_span(body, g.get("text") or "")
                zone |= content_tokens(body[span[0] : span[1]]) if span else gtoks[i]
        if len(ptoks[j] & zone) / len(ptoks[j]) >= 0.6:
            correct.add(j)
    return found, correct


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _score_meetings(doc: Doc, pred: Doc, m: dict[str, int], notes: list[str]) -> None:
    gm, pm = doc["gold"].get("meetings", []), pred.get("meetings", []) or []
    used: set[int] = set()
    for g in gm:
        j = next((j for j, p in enumerate(pm) if j not in used and meeting_match(g, p)), None)
        if j is None:
            m["fn"] += 1
            notes.append(f"  {doc['id']}: missed meeting {g['countries']} {g.get('date')}")
            continue
        used.add(j)
        m["tp"] += 1
        p = pm[j]
        m["date_ok"] += p.get("date") == g.get("date")
        gl, pl = g.get("location") or {}, p.get("location") or {}
        m["loc_ok"] += bool(name_tokens(gl.get("name")) & name_tokens(pl.get("name"))) if gl else not pl
        m["fmt_ok"] += p.get("format", "in_person") == g.get("format", "in_person")
    for j, p in enumerate(pm):
        if j not in used:
            m["fp"] += 1
            notes.append(f"  {doc['id']}: spurious meeting {p.get('countries')} {p.get('date')}")


def _score_statements(doc: Doc, pred: Doc, s: dict[str, int], notes: list[str]) -> None:
    gs, ps = doc["gold"].get("statements", []), pred.get("statements", []) or []
    found, correct = match_statements(doc["body"], gs, ps)
    s["tp_gold"] += len(found)
    s["fn"] += len(gs) - len(found)
    s["tp_pred"] += len(correct)
    s["fp"] += len(ps) - len(correct)
    s["mode_ok"] += sum(gs[i].get("mode") == ps[j].get("mode") for i, j in found.items())
    for i, g in enumerate(gs):
        if i not in found:
            notes.append(f"  {doc['id']}: missed statement by {g['speaker']['name']}: {g['text'][:70]!r}")
    for j, p in enumerate(ps):
        if j not in correct:
            who = (p.get("speaker") or {}).get("name")
            notes.append(f"  {doc['id']}: spurious statement by {who}: {str(p.get('text'))[:70]!r}")


def score(docs: list[Doc], preds: list[Doc], verbose: bool = False) -> dict[str, Any]:
    """The figures of the reference scorer; with `verbose`, every miss is listed under "notes"."""
    m = dict(tp=0, fp=0, fn=0, date_ok=0, loc_ok=0, fmt_ok=0)
    s = dict(tp_gold=0, tp_pred=0, fp=0, fn=0, mode_ok=0)
    notes: list[str] = []
    for doc, pred in zip(docs, preds, strict=False):
        _score_meetings(doc, pred, m, notes)
        _score_statements(doc, pred, s, notes)
    mp, mr, mf = prf(m["tp"], m["fp"], m["fn"])
    sp = s["tp_pred"] / (s["tp_pred"] + s["fp"]) if s["tp_pred"] + s["fp"] else 1.0
    sr = s["tp_gold"] / (s["tp_gold"] + s["fn"]) if s["tp_gold"] + s["fn"] else 1.0
    sf = 2 * sp * sr / (sp + sr) if sp + sr else 0.0
    tpm, tps = max(m["tp"], 1), max(s["tp_gold"], 1)
    report: dict[str, Any] = {
        "articles": len(docs),
        "meetings": {
            "precision": mp,
            "recall": mr,
            "f1": mf,
            "tp": m["tp"],
            "fp": m["fp"],
            "fn": m["fn"],
            "date_accuracy": m["date_ok"] / tpm,
            "location_accuracy": m["loc_ok"] / tpm,
            "format_accuracy": m["fmt_ok"] / tpm,
        },
        "statements": {
            "precision": sp,
            "recall": sr,
            "f1": sf,
            "found": s["tp_gold"],
            "correct": s["tp_pred"],
            "fp": s["fp"],
            "fn": s["fn"],
            "mode_accuracy": s["mode_ok"] / tps,
        },
    }
    if verbose:
        report["notes"] = notes
    return report


def format_report(report: dict[str, Any]) -> str:
    """The reference scorer's text output (its miss list first when the report has notes)."""
    mt, st = report["meetings"], report["statements"]
    lines = list(report.get("notes", []))
    lines.append(f"articles: {report['articles']}")
    lines.append(
        f"meetings:   P={mt['precision']:.3f} R={mt['recall']:.3f} F1={mt['f1']:.3f}  "
        f"(tp={mt['tp']} fp={mt['fp']} fn={mt['fn']})  date={mt['date_accuracy']:.3f} "
        f"location={mt['location_accuracy']:.3f} format={mt['format_accuracy']:.3f}"
    )
    lines.append(
        f"statements: P={st['precision']:.3f} R={st['recall']:.3f} F1={st['f1']:.3f}  "
        f"(found={st['found']} correct={st['correct']} fp={st['fp']} fn={st['fn']})  mode={st['mode_accuracy']:.3f}"
    )
    lines.append(f"meetings F1={mt['f1']:.3f} statements F1={st['f1']:.3f}")
    return "\n".join(lines)
