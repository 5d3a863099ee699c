import pytest

from lib.agenda import is_aob_title


@pytest.mark.parametrize(
    "title",
    [
        "AOB",
        "aob",
        "A.O.B.",
        "AOB:",
        "AOB: update on the workplan",
        "Any other business",
        "Any Other Business – SDG Summit",
        "4. Any other business",
        "Other matters",
        "Any other matter",
    ],
)
def test_titles_that_name_any_other_business(title):
    assert is_aob_title(title)


@pytest.mark.parametrize(
    "title",
    [
        "Aobaku partnership",
        "Regional Reviews",
        "Business continuity",
        "Other business models of the MPTF",
        "",
        "Coaboration",
    ],
)
def test_titles_that_do_not(title):
    assert not is_aob_title(title)
