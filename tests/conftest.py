import shutil

import pytest
from helpers import DEMO, Content


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


@pytest.fixture
def root(tmp_path):
    """A copy of the demo content in tmp_path/content; tmp_path is its project folder."""
    shutil.copytree(DEMO, tmp_path / "content")
    return tmp_path
