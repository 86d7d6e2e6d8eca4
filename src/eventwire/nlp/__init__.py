"""NLP: the spaCy pipeline, loaded once per process, with eventwire's components added by name."""

from eventwire.nlp.build import load_pipeline, model_info

__all__ = ["load_pipeline", "model_info"]
