import pytest
from helpers import Content


@pytest.fixture(autouse=True, scope="session")
def _private_build_cache(tmp_path_factory):
    """Builds keep their cache in the user's cache folder: the tests' own, so none accumulates
    in the machine's and none is shared with a real site's (subprocesses inherit it)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("QAWARD_CACHE_DIR", str(tmp_path_factory.mktemp("qaward-cache")))
    yield
    mp.undo()


@pytest.fixture
def content(tmp_path):
    return Content(tmp_path / "content")
