import pytest
from helpers import Content


@pytest.fixture
def content(tmp_path):
    return Content(tmp_path / "content")
