"""Data files: our YAML word lists keep "on", "no", "yes" and "off" as words."""

from __future__ import annotations

from eventwire.settings import read_yaml


def test_words_that_yaml_1_1_reads_as_booleans_stay_words(tmp_path):
    path = tmp_path / "words.yaml"
    path.write_text("preps: [on, off, in]\nnegators: [no, not]\nflag: true\n", encoding="utf-8")
    data = read_yaml(path)
    assert data == {"preps": ["on", "off", "in"], "negators": ["no", "not"], "flag": True}


def test_the_lexicon_has_its_prepositions_and_negators():
    from eventwire.events.lexicon import load_lexicon

    lexicon = load_lexicon()
    assert "no" in lexicon.rules["modality"]["negators"]
    assert "on" in lexicon.rules["recipient_preps"]["ASSAULT"]
