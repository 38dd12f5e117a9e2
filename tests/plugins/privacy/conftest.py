"""Each test starts with no upload remembered and no scan cached."""

import pytest


@pytest.fixture(autouse=True)
def _forget_uploads() -> None:
    from plugins.confidential.matchers import told_uploads
    from plugins.scanner import service

    told_uploads.forget()
    service.forget()
