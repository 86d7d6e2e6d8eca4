"""Find trigger words (verbs and nominalisations) and fix their type and mode from modifiers."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventwire.events.lexicon import Lexicon, TriggerEntry

#: entity types inside which a word is a name, not an event ("Operation Storm", "Strike Force FC")
_NAME_ENTITIES = frozenset({"ORG", "PERSON", "WORK_OF_ART", "LAW", "PRODUCT", "EVENT", "FAC"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
_INSTRUMENT_PREPS = frozenset({"with", "using", "by"})
_CRIMES = frozenset({"crime", "massacre", "atrocity", "abuse", "attack", "violation", "murder", "killing"})


@dataclass
class Trigger:
    token: Token
    entry: TriggerEntry
    event: str
    mode: str | None
    context: list[str]
    #: an announced or conditional conflictual act recoded as THREATEN (its aux mode is the threat's)
    threat: bool = False
    #: a demand phrased as an obligation ("Y must ..."), found without a trigger word
    obliged: bool = False


_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "ROOT", "conj", "appos"})


def _pos(token: Token) -> str | None:
    if token.pos_ == "VERB":
        # "occupied regions", "the besieged city": an adjectival participle describes, it does not report
        return None if token.dep_ == "amod" else "VERB"
    if token.pos_ == "NOUN" or (token.pos_ in ("ADJ", "PROPN") and token.dep_ in _NOMINAL_DEPS and token.is_lower):
        return "NOUN"  # the small model tags "counteroffensive" as ADJ, a merged "sit-in" as PROPN
    return None


def _particles(token: Token) -> tuple[str, ...]:
    """Particles, prepositions and bare objects that make a phrasal trigger ("fire at", "open fire"); for
    nouns, their modifiers ("martial law", "state of emergency" → emergency + state)."""
    deps = ("prt", "prep", "advmod", "dobj")
    if token.pos_ == "NOUN":
        deps = ("compound", "amod")
        words = tuple(child.lower_ for child in token.children if child.dep_ in deps)
        if token.dep_ == "pobj" and token.head.lower_ == "of":
            words += (token.head.head.lower_,)  # "state of emergency"
        return words
    return tuple(child.lower_ for child in token.children if child.dep_ in deps)


def _modifier_words(token: Token) -> list[str]:
    words = [child.lower_ for child in token.children if child.dep_ in _MODIFIER_DEPS]
    # "attacked with drones", "shelled using artillery"
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in _INSTRUMENT_PREPS:
            words.extend(pobj.lower_ for pobj in prep.children if pobj.dep_ == "pobj")
    return words


def apply_modifiers(trigger: Trigger, lexicon: Lexicon) -> None:
    """Let modifiers such as "air" (strike), "drone" (attack) or "hunger" (strike) refine the code."""
    for word in _modifier_words(trigger.token):
        for modifier in lexicon.modifiers.get(word, ()):
            if modifier.triggers is not None and trigger.entry.lemma not in modifier.triggers:
                continue
            if modifier.event:
                trigger.event = modifier.event
            if modifier.mode:
                trigger.mode = modifier.mode
            for context in modifier.context:
                if context not in trigger.context:
                    trigger.context.append(context)
            break


def find_triggers(sentence: Span, lexicon: Lexicon) -> list[Trigger]:
    """Every trigger token of a sentence, in order."""
    found: list[Trigger] = []
    stative = lexicon.words("stative_participles")
    for token in sentence:
        pos = _pos(token)
        if pos is None or token.ent_type_ in _NAME_ENTITIES:
            continue
        if pos == "NOUN" and token.dep_ == "compound":
            continue  # "protest leaders", "attack helicopters": a modifier, not the event
        lemma = token.lemma_.lower()
        if pos == "VERB" and token.tag_ == "VBN" and token.dep_ in ("acl", "amod") and lemma in stative:
            continue  # "militiamen armed with machetes": a description, not an act
        entry = _entry(token, lemma, pos, lexicon)
        if entry is None:
            continue
        trigger = Trigger(token, entry, entry.event, entry.mode, list(entry.context))
        apply_modifiers(trigger, lexicon)
        found.append(trigger)
    return found


def _entry(token: Token, lemma: str, pos: str, lexicon: Lexicon) -> TriggerEntry | None:
    """The lexicon's entry for the word, reread where its arguments say otherwise (none: not an event)."""
    if lemma == "commit" and (token.dep_ in ("acl", "relcl") or _subject_lemmas(token) & _CRIMES):
        return None  # "the massacre committed in Liancourt": the crime is the event, not a commitment
    entry = lexicon.lookup(lemma, pos, _particles(token))
    if lemma == "exchange" and pos == "VERB" and _fire_exchanged(token):
        entry = lexicon.lookup("exchange", "VERB", ("fire",)) or entry  # "exchanged machine-gun and RPG fire"
    if lemma == "exchange" and pos == "NOUN" and _of_objects(token) & {"fire", "gunfire", "shot", "shots"}:
        entry = lexicon.lookup("exchange", "VERB", ("fire",)) or entry  # "an exchange of fire", not cooperation
    if lemma == "recall" and pos == "VERB" and not _objects(token):
        return None  # "the minister recalled that the treaty had been signed": remembering
    if lemma == "call" and pos == "NOUN" and "with" in {c.lower_ for c in token.children if c.dep_ == "prep"}:
        entry = lexicon.lookup("phone", "VERB") or lexicon.lookup("talk", "VERB") or entry  # "held a call with"
    if lemma in ("withdraw", "pull", "quit") and pos == "VERB" and _bodies_left(token, lexicon):
        entry = lexicon.lookup("recall", "VERB") or entry  # "withdrew from the Paris agreement": relations cut
    if lemma == "evacuate" and _objects(token) & lexicon.words("troop_nouns"):
        entry = lexicon.lookup("withdraw", "VERB") or entry  # "evacuated its troops from Kherson": a withdrawal
    if (
        lemma == "find"
        and pos == "VERB"
        and {c.lower_ for c in token.children if c.dep_ in ("acomp", "oprd", "ccomp", "xcomp")} & {"guilty"}
    ):
        entry = lexicon.lookup("convict", "VERB") or entry  # "the court found the former president guilty"
    if lemma == "shelter" and pos == "VERB" and not any(c.dep_ == "dobj" for c in token.children):
        return None  # "families spent the night sheltering": taking shelter, not giving it
    if lemma == "put" and any(t.lower_ == "hold" and t.head.lower_ == "on" for t in token.subtree):
        entry = lexicon.lookup("suspend", "VERB") or entry  # "put its dialogue with the ELN on hold"
    if entry is None and pos == "NOUN" and lemma == "arrival" and _carries_aid(token, lexicon):
        entry = lexicon.lookup("deliver", "VERB")  # "welcomes the arrival of a shipment of wheat"
    if lemma == "pardon" and pos == "VERB" and _objects(token) & lexicon.words("pardoned_people"):
        entry = lexicon.lookup("release", "VERB") or entry  # "pardoned 4,300 prisoners": they walk free
    if (
        lemma == "meet"
        and pos == "VERB"
        and _objects(token, through_of=True) & lexicon.words("met_things")
        and not any(c.dep_ == "dobj" and lexicon.lookup(c.lemma_.lower(), "NOUN") for c in token.children)
    ):
        return None  # "a month to meet a list of demands": no meeting (meeting a demand trigger yields)
    if entry is None and pos == "VERB" and lemma == "receive" and _official_received(token, lexicon):
        entry = lexicon.lookup("host", "VERB")  # "the president received the European Commissioner"
    if pos == "VERB" and _expulsion(token, lemma, lexicon):
        entry = lexicon.lookup("expel", "VERB")  # "ordered two diplomats to leave", "persona non grata"
    if pos == "NOUN" and lemma in lexicon.words("cutting_words") and _internet(token, lexicon):
        entry = lexicon.lookup("censor", "VERB")  # "an internet shutdown", "a disruption of mobile data"
    if entry is None and "-" in lemma:  # "counter-offensive", "cease-fire"
        entry = lexicon.lookup(lemma.replace("-", ""), pos) or lexicon.lookup(lemma.rsplit("-", 1)[1], pos)
    if entry is None and pos == "VERB":
        entry = _told_by_arguments(token, lemma, lexicon)
    if entry is None:
        return None
    if (
        entry.event == "RETREAT"
        and token.dep_ == "dobj"
        and token.head.lemma_.lower() in lexicon.words("breaking_verbs")
    ):
        return None  # "rebels violated the ceasefire": no new ceasefire
    if entry.event == "PROTEST" and lemma == "strike" and _targeted(token, lexicon):
        entry = lexicon.lookup("strike", "VERB") or entry
    if entry.event == "COERCE" and entry.mode == "arrest" and _subject_lemmas(token) & lexicon.words("abductor_nouns"):
        entry = lexicon.lookup("abduct", "VERB") or entry  # "gunmen rounded up farmers": an abduction
    if entry.event == "COERCE" and lemma == "raid" and pos == "VERB" and _armed_subject(token, lexicon):
        entry = lexicon.lookup("storm", "VERB") or entry  # "an armed group raided the commune": an attack
    return entry


def _subject_lemmas(token: Token) -> set[str]:
    return {child.lemma_.lower() for child in token.children if child.dep_ in ("nsubj", "nsubjpass")}


def _prep_lemmas(token: Token, preps: tuple[str, ...]) -> set[str]:
    """Lemmas of the phrases the verb governs through these prepositions ("returned to the negotiating table")."""
    return {t.lemma_.lower() for prep in token.children if prep.lower_ in preps for t in prep.subtree}


def _told_by_arguments(token: Token, lemma: str, lexicon: Lexicon) -> TriggerEntry | None:
    """A verb that is an event only because of its arguments: a weapon's impact is an attack ("a missile hit
    a high-rise", "a bomb went off"); a crowd assembling to make a demand, or taking to the streets, is a
    demonstration ("thousands gathered, demanding …");
    a force or an aid convoy arriving, a return to the negotiating table, an addition to a sanctions list."""
    subjects = _subject_lemmas(token)
    # "a car packed with explosives blew up": the weapon may be what the subject carries
    armed = {
        t.lemma_.lower()
        for c in token.children
        if c.dep_ == "nsubj"
        for t in c.subtree
        if t.dep_ == "pobj" and t.head.lower_ == "with"
    }
    # "the bus was torn apart by an explosive device": the passive's agent
    armed |= {p.lemma_.lower() for a in token.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"}
    if lemma in lexicon.words("impact_verbs") and (subjects | armed) & lexicon.words("impact_subjects"):
        return lexicon.lookup("attack", "VERB")
    if lemma in lexicon.words("assembly_verbs") and subjects & lexicon.words("crowd_subjects"):
        purposes = lexicon.words("protest_purposes")
        if any(t.lemma_.lower() in purposes for t in token.subtree if t.i > token.i):
            return lexicon.lookup("demonstrate", "VERB")
    if lemma in lexicon.words("movement_verbs") and token.tag_ != "VB":  # not "offered to send troops"
        return _arrival(token, lexicon)
    if lemma == "return" and _returned_captives(token, lexicon):
        return lexicon.lookup("release", "VERB")  # "six soldiers … have been returned to a humanitarian commission"
    if lemma == "come" and _prep_lemmas(token, ("under",)) & lexicon.words("under_fire_nouns"):
        return lexicon.lookup("attack", "VERB")  # "a patrol came under fire from extremists"
    if lemma in lexicon.words("cutting_words") and _internet(token, lexicon):
        return lexicon.lookup("censor", "VERB")  # "internet services were cut across Balkh province"
    if lemma == "give" and _deadline(token, lexicon):
        return lexicon.lookup("ultimatum", "NOUN")  # "gave the authorities seven days to resign"
    if lemma in lexicon.words("handing_verbs") and _aid_object(token, lexicon):
        return lexicon.lookup("deliver", "VERB")  # "distributed food rations", "got truckloads of kits into Adre"
    if lemma == "take" and _prep_lemmas(token, ("to", "into")) & lexicon.words("street_words"):
        return lexicon.lookup("demonstrate", "VERB")  # "thousands took to the streets"
    if lemma in ("close", "shut", "seal") and any(
        c.dep_ == "dobj" and c.lemma_.lower() in lexicon.words("closable_nouns") for c in token.children
    ):
        return lexicon.lookup("block", "VERB")  # "closed the BR-230 highway", "shut the border crossing"
    if lemma in ("take", "place", "hold", "remand") and _prep_lemmas(token, ("into", "in")) & lexicon.words(
        "custody_words"
    ):
        return lexicon.lookup("arrest", "VERB")  # "were taken into custody"
    if lemma in lexicon.words("abduction_verbs") and _abductor(token, lexicon):
        return lexicon.lookup("abduct", "VERB")  # "armed men took away a group of students"
    if lemma in lexicon.words("table_verbs"):
        objects = _prep_lemmas(token, ("to", "back"))
        talks = objects & lexicon.words("table_words")
        negotiating = objects & {"negotiate", "negotiating"}  # "the negotiating table", not the dinner table
        if talks - {"table"} or (talks and negotiating):
            return lexicon.lookup("negotiate", "VERB")
    if lemma in lexicon.words("listing_verbs"):
        objects = _prep_lemmas(token, ("to", "on"))
        if objects & {"list", "blacklist", "watchlist"} and objects & lexicon.words("listing_words"):
            return lexicon.lookup("blacklist", "VERB")
    return None


def _fire_exchanged(token: Token) -> bool:
    """Fire or shots among what the verb governs, however the parser split the phrase."""
    fire = ("fire", "gunfire", "shot")
    return any(t.lemma_.lower() in fire for c in token.children if c.i > token.i for t in c.subtree)


def _carries_aid(token: Token, lexicon: Lexicon) -> bool:
    return bool({t.lemma_.lower() for t in token.subtree} & lexicon.words("aid_words"))


def _returned_captives(token: Token, lexicon: Lexicon) -> bool:
    """People held (soldiers, hostages, detainees) returned to someone: a release, not a homecoming."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
    subjects = _subject_lemmas(token) or (_subject_lemmas(token.head) if token.dep_ == "conj" else set())
    held = subjects & lexicon.words("returned_people")
    return passive and bool(held) and bool(_prep_lemmas(token, ("to",)))


def _internet(token: Token, lexicon: Lexicon) -> bool:
    """What is cut is the internet or the phone network (the verb's object or passive subject, the noun's
    modifiers or "of" phrase)."""
    words = lexicon.words("internet_words")
    if token.pos_ == "NOUN":
        parts = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")]
        parts += [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
    else:
        parts = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(t.lemma_.lower() in words for p in parts for t in p.subtree)


def _deadline(token: Token, lexicon: Lexicon) -> bool:
    """An ultimatum: someone is given a span of time ("seven days", "a month", "48 hours") to do something."""
    if _subject_lemmas(token) & lexicon.words("procedural_givers"):
        return False  # "the judge gave the defence two weeks to file": a procedural deadline
    spans = [
        c for c in token.children if c.dep_ in ("dobj", "npadvmod") and c.lemma_.lower() in lexicon.words("time_units")
    ]
    told = any(c.dep_ == "dative" for c in token.children)
    to_do = [c for c in token.children if c.dep_ in ("advcl", "xcomp")] + [
        c for s in spans for c in s.children if c.dep_ in ("relcl", "acl")
    ]
    return bool(spans) and told and any(any(a.lower_ == "to" for a in c.children if a.dep_ == "aux") for c in to_do)


def _aid_object(token: Token, lexicon: Lexicon) -> bool:
    """The verb's object is aid ("food rations", "a dozen truckloads of shelter kits"); "get" and "bring" must
    also say where it went ("into Adre")."""
    aid = lexicon.words("aid_words")
    objects = [c for c in token.children if c.dep_ == "dobj"]
    carried = any(t.lemma_.lower() in aid for o in objects for t in o.subtree)
    if token.lemma_.lower() in ("get", "bring"):
        return carried and bool(_prep_lemmas(token, ("into", "to")))
    return carried


def _expulsion(token: Token, lemma: str, lexicon: Lexicon) -> bool:
    """ "declared two diplomats persona non grata", "ordered two Iranian diplomats to leave the country"."""
    if lemma == "declare" and "grata" in {t.lower_ for t in token.subtree}:
        return True
    if lemma not in ("order", "tell", "give"):
        return False
    diplomats = lexicon.words("diplomat_words")
    objects = [c for c in token.children if c.dep_ in ("dobj", "dative")]
    told = any(t.lemma_.lower() in diplomats for o in objects for t in o.subtree)  # "Iranian embassy officials"
    leave = any(c.lemma_.lower() == "leave" for c in token.subtree if c.pos_ == "VERB")
    out = any(c.lower_ == "out" for c in token.children if c.dep_ in ("prt", "advmod"))  # "ordered a diplomat out"
    return told and (leave or out)


def _bodies_left(token: Token, lexicon: Lexicon) -> bool:
    """ "withdrew from the Paris agreement", "pulled out of the talks", "quit the alliance"."""
    return bool((_prep_lemmas(token, ("from", "of")) | _objects(token)) & lexicon.words("bodies_left"))


def _of_objects(token: Token) -> set[str]:
    """Lemmas of the noun's "of" phrases ("an exchange of fire")."""
    return {o.lemma_.lower() for p in token.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"}


def _objects(token: Token, through_of: bool = False) -> set[str]:
    """Lemmas of the verb's direct objects (and, ``through_of``, of their "of" phrases: "a list of demands")."""
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if through_of:
        objects += [o for c in objects for p in c.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    return {o.lemma_.lower() for o in objects}


def _official_received(token: Token, lexicon: Lexicon) -> bool:
    officials = lexicon.words("received_officials")
    return any(o.ent_type_ == "PERSON" or o.lemma_.lower() in officials for o in token.children if o.dep_ == "dobj")


def _armed_subject(token: Token, lexicon: Lexicon) -> bool:
    """The verb's subject is an armed group or armed men ("gunmen", "an armed group", "suspected jihadists")."""
    return any(
        s.lemma_.lower() in lexicon.words("abductor_nouns")
        or any(m.lower_ in lexicon.words("abductor_modifiers") for m in s.children if m.dep_ in ("amod", "compound"))
        for s in token.children
        if s.dep_ == "nsubj"
    )


def _abductor(token: Token, lexicon: Lexicon) -> bool:
    """The verb's subject is an armed group or armed men, and it takes people (an object or "away")."""
    armed = _armed_subject(token, lexicon)
    away = any(c.lower_ in ("away", "off") for c in token.children if c.dep_ in ("prt", "advmod"))
    people = any(c.dep_ == "dobj" for c in token.children)
    return armed and (away or (people and token.lemma_.lower() != "take"))


def _arrival(token: Token, lexicon: Lexicon) -> TriggerEntry | None:
    """ "troops arrived in X", "an army convoy reached X", "moved troops to X" (a deployment); "a convoy
    carrying flour reached X", "relief supplies arrived" (aid)."""
    movers = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    if token.dep_ == "acl" and not movers:
        movers = [token.head]  # "A UN-chartered convoy carrying tents … reached Dadu", parsed as a noun phrase
    for subject in movers:
        words = {t.lemma_.lower() for t in subject.subtree}
        head = subject.lemma_.lower()
        if head in lexicon.words("aid_carriers") and words & (
            lexicon.words("aid_words") | lexicon.words("aid_agencies")
        ):
            return lexicon.lookup("deliver", "VERB")
        military = head in lexicon.words("troop_nouns") or (
            head in lexicon.words("aid_carriers") and words & lexicon.words("military_words")
        )
        # vehicles that enter or land may carry anything; people in uniform entering or landing deploy
        people = head in lexicon.words("troop_nouns") - lexicon.words("troop_vehicles")
        aid_only = token.lemma_.lower() in lexicon.words("aid_only_movement_verbs")
        if military and (not aid_only or (people and token.lemma_.lower() in ("enter", "land"))):
            return lexicon.lookup("deploy", "VERB")
    return None


def _targeted(token: Token, lexicon: Lexicon) -> bool:
    """ "the strike on Kharkiv": a noun "strike" that falls on something."""
    preps = lexicon.words("targeted_strike_preps")
    return any(
        child.dep_ == "prep" and child.lower_ in preps and obj.dep_ == "pobj" and obj.ent_type_ not in ("DATE", "TIME")
        for child in token.children
        for obj in child.children
    )
