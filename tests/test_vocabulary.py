"""Title and body hold exact syllables; a folded query word reads all its forms."""

from __future__ import annotations

import pytest
from whoosh import index as whoosh_index

from bilat_search import schema
from bilat_search.analysis import VietnameseTokenizer
from bilat_search.indexer import build, update
from bilat_search.search import Engine, SearchRequest
from bilat_search.store import IndexStore
from bilat_search.vocabulary import Vocabulary
from conftest import search_paths

ARTICLES = {
    "street.txt": "Con đường mới nối hai tỉnh được khánh thành hôm qua.",
    "willow.txt": "Hàng dương liễu ven biển được trồng lại sau bão.",
    "ascii.txt": "Duong Van Minh street is the address given in English.",
    "other.txt": "Bộ Công an tổ chức hội nghị về an ninh mạng.",
}


@pytest.fixture
def engine(make_folder, tmp_path) -> Engine:
    build([make_folder(ARTICLES)], IndexStore(tmp_path / "index"))
    return Engine(tmp_path / "index")


def _reader(engine: Engine):
    return whoosh_index.open_dir(str(engine.store.current_path())).reader()


def test_body_holds_exact_keys_only(engine):
    words = {term.decode("utf-8") for term in _reader(engine).lexicon("body")}
    assert {"đường", "dương", "duong", "công"} <= words
    assert "cong" not in words  # no folded twin beside `công`


def test_vocabulary_lists_the_forms_of_a_folded_key(engine):
    vocabulary = Vocabulary(_reader(engine))
    assert set(vocabulary.keys("body", "duong", folded=True)) == {"duong", "đường", "dương"}
    assert vocabulary.keys("body", "duong") == ("duong",)
    assert vocabulary.keys("body", "cong", folded=True) == ("cong", "công")
    assert vocabulary.keys("names", "cong", folded=True) == ("cong",)  # names are folded already


def test_folded_query_finds_every_form_and_exact_ranks_first(engine):
    assert set(search_paths(engine, "duong")) == {"street.txt", "willow.txt", "ascii.txt"}
    assert search_paths(engine, "đường")[0] == "street.txt"
    assert search_paths(engine, "dương")[0] == "willow.txt"


def test_phrases_in_either_form(engine):
    assert search_paths(engine, '"cong an"') == ["other.txt"]
    assert search_paths(engine, '"Công an"') == ["other.txt"]
    assert search_paths(engine, '"con duong moi"') == ["street.txt"]


def test_a_phrase_typed_partly_with_diacritics_reads_each_word_as_typed(engine):
    assert search_paths(engine, '"Bo Công an"') == ["other.txt"]
    assert search_paths(engine, '"Bo Cống an"') == []


def test_correction_offers_the_common_accented_form(engine):
    response = engine.search(SearchRequest(query="khanhh"))
    assert response.total == 0
    assert response.suggestion == "khánh"


def test_index_with_both_forms_still_answers(make_folder, tmp_path, monkeypatch):
    """Indexes built before exact-only postings hold a folded key beside each exact one."""
    folder = make_folder(ARTICLES)
    build([folder], IndexStore(tmp_path / "new"))
    monkeypatch.setattr(schema, "text_analyzer", lambda: VietnameseTokenizer("both"))
    build([folder], IndexStore(tmp_path / "old"))
    monkeypatch.undo()
    old, new = Engine(tmp_path / "old"), Engine(tmp_path / "new")
    assert "cong" in {t.decode("utf-8") for t in _reader(old).lexicon("body")}
    for query in ["duong", "đường", "cong an", '"Công an"', "duong -liễu", "an ninh OR khánh thành"]:
        assert search_paths(old, query) == search_paths(new, query), query



def test_a_build_saves_the_vocabulary_and_a_server_reads_it(engine):
    folder = engine.store.current_path()
    assert (folder / "vocabulary.json").exists()
    reader = _reader(engine)
    saved, read = Vocabulary.load(folder, reader), Vocabulary(reader)
    assert saved._accented == read._accented
    assert set(saved.keys("body", "duong", folded=True)[1:]) == {"đường", "dương"}


def test_a_vocabulary_saved_for_other_segments_is_not_used(engine, make_folder):
    folder = engine.store.current_path()
    old = (folder / "vocabulary.json").read_text(encoding="utf-8")
    articles = make_folder({"road.txt": "Đương kim bộ trưởng thăm công trình."})  # beside ARTICLES
    update([articles], engine.store)
    new_folder = engine.store.current_path()
    saved = (new_folder / "vocabulary.json").read_text(encoding="utf-8")
    assert saved != old and "đương" in saved
    (new_folder / "vocabulary.json").write_text(old, encoding="utf-8")  # as if the update had not saved it
    assert "đương" in Vocabulary.load(new_folder, _reader(engine)).keys("body", "duong", folded=True)
