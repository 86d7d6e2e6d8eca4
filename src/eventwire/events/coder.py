"""The event coder: a sentence's triggers → EventCandidate records.

Steps, per sentence:
  1. find triggers (lexicon + modifiers)
  2. fold casualty verbs into the attack they report ("shelled Lyman, killing three"; "shelling killed three";
     ``events.folding``)
  3. drop complements of absorbing events (a threat to attack is THREATEN, not ASSAULT)
  4. arguments (actors, recipients, places) from the dependency tree
  5. auxiliary mode, PLOVER type rules (future cooperation → AGREE, refused cooperation → REJECT; who acts:
     ``events.recoding``)
  6. attribution from reported speech
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from eventwire.events.arguments import Arguments, actor_like, is_place, noun_arguments, verb_arguments
from eventwire.events.candidate import EventCandidate
from eventwire.events.casualties import casualty_groups, split_by_place, totals
from eventwire.events.folding import fold
from eventwire.events.framing import REQUEST_MODES, Framing, frame, obligations, subject_of
from eventwire.events.lexicon import Lexicon, load_lexicon
from eventwire.events.modality import modality
from eventwire.events.recoding import recode, reported_attack
from eventwire.events.relevance import irrelevant, sentence_is_off_topic
from eventwire.events.salience import (
    background,
    depth,
    noun_complements,
    protest_purposes,
    self_announced,
    threats,
)
from eventwire.events.speech import attribution
from eventwire.events.syntax import conjuncts, noun_phrase
from eventwire.events.triggers import Trigger, find_triggers
from eventwire.models import QUAD_CODES

_ABSORB_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "acl", "dobj", "pobj", "prep"})


class EventCoder:
    """Codes events in parsed documents; holds the lexicon and the role nouns it needs."""

    def __init__(self, lexicon: Lexicon | None = None, sector_terms: frozenset[str] = frozenset()) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.sector_terms = sector_terms | self.lexicon.words("generic_actor_nouns")
        self._casualty_lemmas = frozenset(w for words in self.lexicon.rules["casualties"].values() for w in words)

    # ------------------------------------------------------------------ public
    def code(self, doc: Doc) -> list[EventCandidate]:
        candidates: list[EventCandidate] = []
        for sentence in doc.sents:
            candidates.extend(self.code_sentence(sentence))
        return candidates

    def code_sentence(self, sentence: Span) -> list[EventCandidate]:
        if sentence_is_off_topic(sentence):
            return []
        triggers = [t for t in find_triggers(sentence, self.lexicon) if not irrelevant(t)]
        by_token = {t.token.i: t for t in triggers}
        dropped = background(triggers, self.lexicon)
        triggers = [t for t in triggers if t.token.i not in dropped]
        by_token = {t.token.i: t for t in triggers}
        conditional = threats(triggers, self.lexicon)
        extra = obligations(sentence, triggers, self.lexicon)
        for trigger in extra:
            trigger.obliged = True
        triggers = sorted(triggers + extra, key=lambda t: t.token.i)
        framing = frame(triggers, self.lexicon)
        triggers = [t for t in triggers if t.token.i not in framing.dropped]
        by_token = {t.token.i: t for t in triggers}
        folded = fold(triggers, by_token, self.lexicon, self._casualty_lemmas)
        absorbed = self._absorb(triggers, by_token)
        extra_absorbed = conditional | protest_purposes(triggers, by_token) | noun_complements(triggers, self.lexicon)
        for index, owner in extra_absorbed.items():
            absorbed.setdefault(index, owner)
        out: list[EventCandidate] = []
        # follow chains ("in an attack" → "wounded" → "killed") to the trigger that keeps the event
        for index in list(folded):
            owner, hops = folded[index], 0
            while owner in folded and hops < 5:
                owner, hops = folded[owner], hops + 1
            folded[index] = owner
        for trigger in triggers:
            if trigger.token.i in folded or trigger.token.i in absorbed:
                continue
            candidate = self._candidate(trigger, sentence, by_token, folded, absorbed, framing)
            if (
                QUAD_CODES[candidate.event] <= 2
                and _thing_acts(candidate, self.sector_terms)
                and not (candidate.event == "AID" and _aid_carrier(candidate, self.lexicon))
            ):
                continue  # "the roads that supply the garrison": things do not cooperate or give aid
            out.extend(self._split_casualties(candidate))
        return out

    def _split_casualties(self, candidate: EventCandidate) -> list[EventCandidate]:
        """Attach counts; one event per place when the sentence gives counts for several places."""
        groups = casualty_groups(candidate.anchors, self.lexicon)
        if not split_by_place(groups):
            candidate.counts = totals(groups)
            return [candidate]
        parts: list[EventCandidate] = []
        for number, group in enumerate(groups, start=1):
            places = [noun_phrase(t) for t in group.places] or candidate.places
            recipients = [noun_phrase(group.victim)] if group.victim is not None else []
            parts.append(
                replace(candidate, places=places, recipients=recipients, counts={group.kind: group.number}, part=number)
            )
        return parts

    # ------------------------------------------------------------------ steps
    def _absorb(self, triggers: list[Trigger], by_token: dict[int, Trigger]) -> dict[int, int]:
        """Map absorbed trigger index → the trigger that absorbs it."""
        absorbing = frozenset(self.lexicon.rules["absorbing_events"])
        absorbed: dict[int, int] = {}
        for trigger in triggers:
            current = trigger.token
            target = by_token.get(current.head.i)
            if (
                trigger.event == "MOBILIZE"
                and current.pos_ == "NOUN"
                and target is not None
                and target.event == "ASSAULT"
                and current.dep_ in ("dobj", "nsubjpass", "nsubj")
                and (current.dep_ != "nsubj" or target.token.lemma_.lower() == "come")
            ):
                absorbed[current.i] = target.token.i  # "attacked an army patrol": the patrol is the target
                continue
            for _ in range(4):
                infinitive = current.dep_ == "advcl" and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in current.children
                )
                if (current.dep_ not in _ABSORB_DEPS and not infinitive) or current.head.i == current.i:
                    break
                current = current.head
                owner = by_token.get(current.i)
                if owner is None:
                    continue
                # "condemned the attack", "would never recognise the annexation": the noun names the topic
                # of a statement, not a new report of that act
                topic = trigger.token.pos_ == "NOUN" and QUAD_CODES[owner.event] in (1, 3)
                # … but a condemned attack told with who did it and where is also reported as fact
                condemned = owner.mode == "disapprove" and trigger.token.pos_ == "NOUN"
                if condemned and reported_attack(trigger.token, self.lexicon):
                    break
                # "rejected accusations by the Thai army that …": the accusation was made, by the one named
                if owner.event == "REJECT" and trigger.event == "ACCUSE" and _agent(trigger.token):
                    break
                # "WFP welcomes the arrival yesterday in Hodeidah of a shipment of wheat", "welcomes the release
                # today of four police officers held in Suárez": a material act welcomed with its place or day
                # happened, and is reported by the welcome
                welcomed = owner.event == "SUPPORT" and QUAD_CODES[trigger.event] in (2, 4)
                if welcomed and trigger.token.pos_ == "NOUN" and _particular(owner.token):
                    break
                # "suspended its peace negotiations": the talks suspended are not a meeting
                halted = owner.event == "SANCTION" and owner.mode == "discontinue" and trigger.token.pos_ == "NOUN"
                # "lifted the curfew", "ended the siege": what a retreat undoes is its object, not a new act
                undone = owner.event == "RETREAT" and trigger.token.pos_ == "NOUN" and trigger.token.dep_ == "dobj"
                # "withdrew from the Paris agreement": the agreement left is not a new one
                undone = undone or (
                    owner.event == "SANCTION" and owner.mode == "withdraw" and trigger.token.pos_ == "NOUN"
                )
                if (owner.event in absorbing or topic or halted or undone) and owner is not trigger:
                    absorbed[trigger.token.i] = owner.token.i
                    if owner.mode is None:
                        if owner.event == "THREATEN":
                            owner.mode = self.lexicon.rules["threat_from"].get(trigger.event)
                            if "territory" in trigger.context:
                                owner.mode = "territory"
                        elif owner.event in ("REQUEST", "REJECT"):
                            owner.mode = REQUEST_MODES.get(trigger.event)
                    owner.context.extend(c for c in trigger.context if c not in owner.context)
                break
        return absorbed

    def _arguments(self, trigger: Trigger) -> Arguments:
        token = trigger.token
        if token.pos_ == "VERB":
            args = verb_arguments(token, trigger.event, self.lexicon, self.sector_terms)
        else:
            args = noun_arguments(token, trigger.event, self.lexicon, self.sector_terms)
        if trigger.event == "CONSULT":
            # meetings put every participant in `actor`; a place visited is where, not whom
            people = [r for r in args.recipients if not is_place(r)]
            args.places += [r for r in args.recipients if is_place(r)]
            args.actors = args.actors + [p for p in people if p not in args.actors]
            args.recipients = []
            if token.pos_ == "VERB":
                for prep in token.children:
                    if prep.dep_ == "prep" and prep.lower_ == "with":
                        args.actors += [p for p in prep.children if p.dep_ == "pobj"]
        else:
            if trigger.event in ("ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "AID"):
                # "pummelled Lyman", "shelled the town of Kupiansk": a named target is also where it happened;
                # "aid reached the north of Gaza": so is where aid arrives
                place_nouns = self.lexicon.words("place_nouns")
                args.places += [
                    r for r in args.recipients if is_place(r) or r.pos_ == "PROPN" or r.lemma_.lower() in place_nouns
                ]
            # a recipient that is only a thing ("rejected the proposal") is not an actor; its owner may be
            args.recipients = [
                r for r in args.recipients if actor_like(r, self.sector_terms) or is_place(r) or _owned(r)
            ]
        if trigger.event == "THREATEN" and trigger.mode is None:
            words = self.lexicon.words("threat_violence_words")
            lemmas = {t.lemma_.lower() for t in token.subtree}
            if lemmas & words:
                trigger.mode = "violence"
            if lemmas & self.lexicon.words("cbrn_words") and "cbrn" not in trigger.context:
                trigger.context.append("cbrn")
        return args

    def _names_an_event(self, token: Token) -> bool:
        return token.pos_ == "NOUN" and self.lexicon.lookup(token.lemma_.lower(), "NOUN") is not None

    def _candidate(
        self,
        trigger: Trigger,
        sentence: Span,
        by_token: dict[int, Trigger],
        folded: dict[int, int],
        absorbed: dict[int, int],
        framing: Framing,
    ) -> EventCandidate:
        token = trigger.token
        args = self._arguments(trigger)
        _reframe(token, args, framing, self.sector_terms)
        if not args.recipients and trigger.event != "CONSULT":
            # "threatened to attack Israel", "urged talks with Kyiv": the complement names whom
            for index, owner in absorbed.items():
                if owner == token.i:
                    inner = self._arguments(by_token[index])
                    args.recipients = [r for r in inner.recipients if r not in args.actors]
                    break
        anchors = [token] + [sentence.doc[i] for i, owner in folded.items() if owner == token.i]
        if token.dep_ == "pobj" and token.head.head.lemma_.lower() in self._casualty_lemmas:
            anchors.append(token.head.head)  # "two civilians died in the attack"
        if (
            trigger.event == "ASSAULT"
            and token.dep_ == "advcl"
            and token.head.i not in by_token
            and token.head.lemma_.lower() in self._casualty_lemmas
        ):
            anchors.append(token.head)  # "three civilians died when a missile hit a high-rise"
        for anchor in anchors[1:]:
            extra = (
                verb_arguments(anchor, "ASSAULT", self.lexicon, self.sector_terms) if anchor.pos_ == "VERB" else None
            )
            if extra is not None:
                args.places += [p for p in extra.places if p not in args.places]
                if anchor.head.i == token.i and anchor.dep_ != "nsubj":
                    args.recipients += [r for r in extra.recipients if r not in args.recipients]
            elif anchor.dep_ in ("nsubj", "nsubjpass"):
                # the folded attack noun is the subject: its own actor if named ("by Russian forces"), else
                # the whole phrase when it carries one ("Russian shelling")
                noun_args = noun_arguments(anchor, "ASSAULT", self.lexicon, self.sector_terms)
                args.actors = noun_args.actors or [anchor]
                args.places += [p for p in noun_args.places if p not in args.places]
        if token.pos_ == "VERB" and args.actors and args.actors[0].i in folded:
            args.actors = [args.actors[0]]
        # "the arrest of Sonko sparked protests": an event that caused this one is not its actor
        anchored = {a.i for a in anchors}
        args.actors = [a for a in args.actors if a.i in anchored or not self._names_an_event(a)]
        mood = modality(token, self.lexicon)
        event, mode, aux = trigger.event, trigger.mode, mood.aux_mode
        if trigger.threat:
            aux = None if aux in ("future", "hypothetical") else aux
        event, mode = recode(event, mode, token, args, self.lexicon)
        # "dismissed accusations by the SPLA-IO": what is denied is their content, not that they were made
        if event == "ACCUSE" and aux == "negation" and token.pos_ == "NOUN" and token.dep_ == "dobj":
            aux = None
        handed = token.lemma_.lower() in ("hand", "handover", "return")
        if (
            event == "RETREAT"
            and mode is None
            and handed
            and any(actor_like(r, self.sector_terms) for r in args.recipients)
        ):
            mode = "release"  # "the four patrolmen were handed over to a commission": people handed over go free
        reject_modes = self.lexicon.rules["reject_modes"]
        if aux == "negation" and mood.refused and event in reject_modes:
            event, mode, aux = "REJECT", reject_modes[event], None
        elif (
            aux == "future"
            and event in self.lexicon.rules["future_to_agree"]
            and token.lemma_.lower() not in self.lexicon.words("future_stays")
            and (event not in self.lexicon.rules["scheduled_stays"] or self_announced(token, self.lexicon))
        ):
            event, aux = "AGREE", None
        return EventCandidate(
            event=event,
            mode=mode,
            context=list(trigger.context),
            trigger=token,
            sentence=sentence,
            cameo=trigger.entry.cameo if (event, mode) == (trigger.entry.event, trigger.entry.mode) else None,
            actors=[_actor_span(t) for t in _unique(args.actors)],
            recipients=[noun_phrase(t) for t in _unique(args.recipients) if t not in args.actors],
            anchors=anchors,
            places=[noun_phrase(t) for t in _unique(args.places)],
            aux_mode=aux,
            attribution=attribution(token, self.lexicon),
            depth=depth(token, self.lexicon),
        )


def _reframe(token: Token, args: Arguments, framing: Framing, sectors: frozenset[str]) -> None:
    """Commanded acts are done by who gave the order; obligations are demands by the speaker."""
    command = framing.commanded.get(token.i)
    if command is not None:
        orderer = subject_of(command)
        addressed = [o for o in command.children if o.dep_ == "dobj" and o.i != token.i and actor_like(o, sectors)]
        if orderer is not None:
            args.recipients = [r for r in [*addressed, *args.recipients] if r.i != orderer.i]
            args.actors = conjuncts(orderer)
    speech = framing.obliged.get(token.i)
    if speech is not None:
        speaker = subject_of(speech)
        obliged = subject_of(token)
        args.actors = conjuncts(speaker) if speaker is not None else []
        args.recipients = conjuncts(obliged) if obliged is not None else []


def _thing_acts(candidate: EventCandidate, sectors: frozenset[str]) -> bool:
    """The only actor is a thing, not a state, group, person or role."""
    return bool(candidate.actors) and all(
        not actor_like(span.root, sectors) and not _owned(span.root) for span in candidate.actors
    )


def _aid_carrier(candidate: EventCandidate, lexicon: Lexicon) -> bool:
    """ "Aid trucks delivered food", "a convoy carrying flour reached the city", "a convoy of UN trucks brought
    food aid": the thing carries the aid."""
    aid = lexicon.words("aid_words")
    carried = candidate.trigger.lemma_.lower() in aid  # the event's own noun is the aid
    return all(
        span.root.lemma_.lower() in lexicon.words("aid_carriers")
        and (carried or any(t.lemma_.lower() in aid for t in span.root.subtree))
        for span in candidate.actors
    )


def _owned(token: Token) -> bool:
    """A thing that says whose it is: "Houthi targets", "Ukrainian positions", "Russia's Kursk region"."""
    return any(c.dep_ in ("poss", "compound", "amod") and c.ent_type_ in ("NORP", "GPE", "ORG") for c in token.children)


def _actor_span(token: Token) -> Span:
    """An actor phrase; a demonym modifying an attack noun keeps the noun ("Russian shelling")."""
    head = token.head
    if token.dep_ in ("amod", "compound") and head.pos_ in ("NOUN", "ADJ") and head.i > token.i:
        return token.doc[token.left_edge.i : head.i + 1]
    return noun_phrase(token)


def _unique(tokens: list[Token]) -> list[Token]:
    seen: set[int] = set()
    out: list[Token] = []
    for token in tokens:
        if token.i not in seen:
            seen.add(token.i)
            out.append(token)
    return out


def _particular(token: Token) -> bool:
    """The phrase names a place or a day ("in Hodeidah", "today", "Monday's")."""
    return any(t.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "TIME") for t in token.subtree)


def _agent(noun: Token) -> bool:
    """The noun says who did it: "accusations by the Thai army"."""
    return any(
        c.dep_ == "prep" and c.lower_ == "by" and any(o.dep_ == "pobj" for o in c.children) for c in noun.children
    )
