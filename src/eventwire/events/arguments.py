"""Who did it, to whom, where: dependency rules from a trigger to its argument phrases.

Verb triggers take their subject (inherited through "vowed to attack", "shelled X, killing three", relative
clauses) as actor and their object as recipient; passives swap in the "by" agent. Nominal triggers take
possessives, demonym modifiers and "by" phrases as actor, "on/against/of" phrases as recipient, and the
subject of a light verb ("Russia launched an offensive").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from eventwire.events.lexicon import Lexicon
from eventwire.events.syntax import (
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    children,
    conjuncts,
    is_passive,
)
from eventwire.resolve.numbers import VAGUE

_ACTOR_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
_RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})
#: documents that speak for whoever issued them ("a statement condemning", "a letter urging")
_STATEMENT_NOUNS = frozenset(
    {"declaration", "statement", "letter", "resolution", "communique", "message", "note", "decree", "petition"}
)
_PRONOUNS = frozenset(
    {"it", "they", "he", "she", "we", "i", "you", "them", "him", "her", "us", "its", "their", "his", "our"}
)


@dataclass
class Arguments:
    actors: list[Token] = field(default_factory=list)
    recipients: list[Token] = field(default_factory=list)
    places: list[Token] = field(default_factory=list)


#: verbs whose object is the means, not the doer, of the clause that follows ("used tractors to block the road")
_INSTRUMENT_VERBS = frozenset({"use", "employ", "deploy", "send", "mobilise", "mobilize"})


def clause_subject(verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """The subject of a verb's clause and whether it is a passive subject, inheriting where English elides it."""
    if depth > 6:
        return None, False
    head = verb.head
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS:
            if verb.dep_ == "relcl" and child.lower_ in _RELATIVE_PRONOUNS:
                # "the roads that supply the garrison": the relative pronoun stands for the noun
                return head, child.dep_ in PASSIVE_SUBJECT_DEPS
            return child, child.dep_ in PASSIVE_SUBJECT_DEPS
    if head.i == verb.i:
        return None, False
    if verb.dep_ == "xcomp":
        # object control: "urged Moscow to withdraw" → Moscow; else subject control: "vowed to attack"
        objects = children(head, *OBJECT_DEPS)
        if objects and head.lemma_.lower() not in _INSTRUMENT_VERBS:  # "used tractors to block": the users block
            return objects[0], False
        subject, _ = clause_subject(head, depth + 1)  # "Russia is expected to annex": Russia annexes
        return subject, False
    if verb.dep_ in ("conj", "advcl", "pcomp", "acomp") and head.pos_ in ("VERB", "AUX"):
        return clause_subject(head, depth + 1)
    if verb.dep_ == "relcl":
        return head, False
    if verb.dep_ == "acl":
        if verb.tag_ != "VBN" and head.lemma_.lower() in _STATEMENT_NOUNS and head.dep_ in OBJECT_DEPS:
            # "the party issued a declaration demanding ...": the declaration's issuer demands
            return clause_subject(head.head, depth + 1)
        return head, verb.tag_ == "VBN"
    return None, False


def actor_like(token: Token, lexicon_sectors: frozenset[str]) -> bool:
    """Could this phrase head be an actor (a state, group, person or role), not a thing?"""
    if token.ent_type_ in _ACTOR_ENTS:
        return True
    if token.lower_ in _PRONOUNS:
        return True
    if token.lemma_.lower() in lexicon_sectors:
        return True
    if token.like_num or token.lower_ in VAGUE:
        # "killed three", "detained hundreds of protesters": a count of people
        return True
    return token.pos_ == "PROPN"


def _owner(token: Token, sectors: frozenset[str], of: bool = True) -> Token | None:
    """For a thing ("Russia's demand", "the demand of Moscow"), the actor it belongs to; ``of``: whether an
    "of" phrase can name it (not in "the arrest of Sonko", where it names the one it was done to)."""
    for child in token.children:
        # (not "Monday's sanctions": a day is not an owner)
        if child.dep_ == "poss" and child.ent_type_ not in ("DATE", "TIME") and actor_like(child, sectors):
            return child
    for prep in children(token, "prep"):
        if prep.lower_ == "of" and of:
            for pobj in children(prep, "pobj"):
                if actor_like(pobj, sectors):
                    return pobj
    for child in token.children:
        if child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE", "ORG"):
            return child
    return None


def _prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    found: list[Token] = []
    for prep in children(token, "prep", "agent"):
        if prep.lower_ in preps:
            # "on Monday", "at dawn" say when, not whom
            found.extend(p for p in children(prep, "pobj") if p.ent_type_ not in ("DATE", "TIME"))
    return found


#: "on the outskirts of", "on the edge of"
_PART_NOUNS = frozenset({"outskirts", "outskirt", "edge", "fringe", "fringes", "periphery"})
#: events that happen where they arrive
_DESTINED = frozenset({"MOBILIZE", "AID"})
#: dependents that start another clause: their places belong to their own events
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj", "nsubj"})


def _places_under(token: Token, lexicon: Lexicon, event: str | None = None) -> list[Token]:
    """Objects of place prepositions in the token's own clause ("in Kharkiv", "back near the town of Lyman");
    for deployments and deliveries, where they go too ("sent troops to the town of Tumeremo")."""
    preps = lexicon.words("place_preps")
    if event in _DESTINED:
        preps = preps | {"to"}
    found: list[Token] = []
    stack = [token]
    while stack:
        current = stack.pop()
        for child in current.children:
            if child.dep_ in _CLAUSE_DEPS:
                continue
            if child.dep_ == "prep" and child.lower_ == "on":
                # "on the outskirts of Bhamo", "on the edge of Tawila": the place whose part it is
                found.extend(
                    inner
                    for pobj in children(child, "pobj")
                    if pobj.lemma_.lower() in _PART_NOUNS
                    for of in children(pobj, "prep")
                    if of.lower_ == "of"
                    for inner in children(of, "pobj")
                )
            if child.dep_ == "prep" and child.lower_ in preps:
                for pobj in children(child, "pobj"):
                    found.extend(conjuncts(pobj))
                    # "outside army headquarters in Khartoum", "at a jail in Dili": the place inside the place
                    found.extend(
                        inner
                        for nested in children(pobj, "prep")
                        if nested.lower_ in preps
                        for inner in children(nested, "pobj")
                    )
                continue
            if child.dep_ in ("dobj", "advmod", "prt", "npadvmod", "nsubjpass", "agent", "prep", "pobj"):
                stack.append(child)
    found.sort(key=lambda t: abs(t.i - token.i))
    return found


def verb_arguments(verb: Token, event: str, lexicon: Lexicon, sectors: frozenset[str]) -> Arguments:
    args = Arguments()
    subject, subject_is_patient = clause_subject(verb)
    agents = [pobj for agent in children(verb, "agent") for pobj in children(agent, "pobj")]
    # "Six soldiers kidnapped on 24 February by the front have been returned": a reduced relative the parser
    # made the main verb; its "by" phrase says it is passive
    reduced = bool(agents) and verb.tag_ in ("VBN", "VBD") and not children(verb, *OBJECT_DEPS)
    passive = is_passive(verb) or subject_is_patient or reduced
    if passive and not agents and verb.lemma_.lower() in lexicon.words("adjectival_participles"):
        passive = False
    recipient_preps = frozenset(lexicon.rules["recipient_preps"].get(event, lexicon.rules["recipient_preps"]["*"]))
    if passive:
        args.actors = [t for a in agents for t in conjuncts(a)]
        if subject is not None:
            args.recipients = conjuncts(subject)
    else:
        if subject is not None:
            args.actors = conjuncts(subject)
        objects = [t for obj in children(verb, *OBJECT_DEPS) for t in conjuncts(obj)]
        if not objects:
            objects = [t for pobj in _prep_objects(verb, recipient_preps) for t in conjuncts(pobj)]
        args.recipients = objects
    under = _prep_objects(verb, frozenset({"under"})) if verb.lemma_.lower() == "come" else []
    if any(o.lemma_.lower() in lexicon.words("under_fire_nouns") for o in under):
        # "a patrol came under fire from extremists": the subject is fired on, "from" names who fired
        args.recipients = args.actors
        args.actors = [
            t
            for holder in (verb, *under)
            for pobj in _prep_objects(holder, frozenset({"from"}))
            for t in conjuncts(pobj)
        ]
    args.places = _places_under(verb, lexicon, event)
    if verb.dep_ in ("nsubj", "csubj") and verb.head.pos_ == "VERB":
        args.places += _places_under(verb.head, lexicon, event)  # "Fighting intensified in the Khartoum area"
    return args


def light_verb(noun: Token, lexicon: Lexicon) -> Token | None:
    """The light verb a nominal trigger is the object of: "launched an offensive", "gave $5m of aid"."""
    light = lexicon.words("light_verbs")
    if noun.dep_ in OBJECT_DEPS and noun.head.lemma_.lower() in light:
        return noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        measure = noun.head.head  # "5.1 million dollars of aid", "a package of sanctions"
        if measure.dep_ in OBJECT_DEPS and measure.head.lemma_.lower() in light:
            return measure.head
    return None


def noun_arguments(noun: Token, event: str, lexicon: Lexicon, sectors: frozenset[str]) -> Arguments:
    args = Arguments()
    verb = light_verb(noun, lexicon)
    patient_of = event in lexicon.words("patient_of_events") or noun.lemma_.lower() in lexicon.words("patient_of_nouns")
    owner = _owner(noun, sectors, of=not patient_of)
    by = _prep_objects(noun, frozenset({"by"}))
    if by:
        args.actors = conjuncts(by[0])
    elif owner is not None:
        args.actors = conjuncts(owner)
    elif verb is not None:
        subject, patient = clause_subject(verb)
        if subject is not None and not patient:
            args.actors = conjuncts(subject)
    recipient_preps = set(lexicon.rules["recipient_preps"].get(event, [])) | {"against", "on", "upon", "with"}
    if not args.actors or owner is None:
        recipient_preps.add("of")
    recipients = _prep_objects(noun, frozenset(recipient_preps))
    # "the release and transfer of 7 detainees": coordinated nouns share the phrase after the last of them
    shared = [c for c in noun.conjuncts if c.i > noun.i]
    if not recipients and shared:
        recipients = _prep_objects(shared[-1], frozenset(recipient_preps))
    if not recipients and verb is not None:
        # "imposed sanctions on Moscow", "gave the Ivory Coast $5m of aid": the phrase hangs off the light verb
        recipients = children(verb, "dative") or _prep_objects(verb, frozenset(recipient_preps) - {"of", "with"})
    args.recipients = [t for r in recipients for t in conjuncts(r)]
    if not args.actors:
        # "talks between Greek and Turkish diplomats", "a ceasefire between Israel and Hamas", "a meeting with"
        joint = ("between", "among", "with") if event == "CONSULT" else ("between", "among")
        for prep in [p for holder in (noun, *shared[-1:]) for p in children(holder, "prep")]:
            if prep.lower_ in joint:
                args.actors += [t for pobj in children(prep, "pobj") for t in conjuncts(pobj)]
    args.places = _places_under(noun, lexicon, event)
    if verb is not None:
        args.places += _places_under(verb, lexicon, event)
    elif noun.dep_ == "nsubj" and noun.head.pos_ == "VERB":
        args.places += _places_under(noun.head, lexicon, event)  # "fighting intensified in the Khartoum area"
    return args


def is_place(token: Token) -> bool:
    return token.ent_type_ in _PLACE_ENTS
