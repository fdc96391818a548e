"""Link targets (hupli.evidence.targets), code compared as code (hupli.evidence.code) and
front matter by key (hupli.evidence.front_matter), on cases seen on real pages."""

from __future__ import annotations

import pytest

from hupli.evidence.code import compare_code, shape
from hupli.evidence.front_matter import differences, fields
from hupli.evidence.targets import image_name, is_image, same_target, unmatched


@pytest.mark.parametrize(
    ("original", "translation"),
    [
        # the course's own page in the other language (fso-dev, every pair)
        ("/osa2/palvelimella_olevan_datan_hakeminen", "/en/part2/getting_data_from_server"),
        ("../osa0", "/en/part0/fundamentals_of_web_apps#forms-and-http-post"),
        (
            "https://fullstackopen.com/osa7/luokkakomponentit_sekalaista#react",
            "https://fullstackopen.com/en/part7/class_components_miscellaneous#react",
        ),
        # MDN's language versions, trailing slash, scheme, an added anchor
        (
            "https://developer.mozilla.org/fi/docs/Web/HTTP",
            "https://developer.mozilla.org/en-US/docs/Web/HTTP",
        ),
        ("https://openweathermap.org/", "https://openweathermap.org"),
        (
            "http://expressjs.com/en/guide/routing.html",
            "https://expressjs.com/en/guide/routing.html#route-parameters",
        ),
        # the same resource at a moved address
        (
            "https://chrome.google.com/webstore/detail/jsonview/chklaanhfefbnpoihckbnefhakgolnmc",
            "https://chromewebstore.google.com/detail/jsonview/chklaanhfefbnpoihckbnefhakgolnmc",
        ),
        ("https://github.com/auth0/express-jwt", "https://www.npmjs.com/package/express-jwt"),
        (
            "https://docs.npmjs.com/getting-started/semantic-versioning",
            "https://docs.npmjs.com/about-semantic-versioning",
        ),
        (
            "https://en.wikipedia.org/wiki/REST#Applied_to_web_services",
            "https://en.wikipedia.org/wiki/Representational_state_transfer#Applied_to_web_services",
        ),
    ],
)
def test_same_resource(original: str, translation: str) -> None:
    assert same_target(original, translation)


@pytest.mark.parametrize(
    ("original", "translation"),
    [
        # another version of the resource
        (
            "https://nodejs.org/docs/latest-v8.x/api/http.html",
            "https://nodejs.org/docs/latest-v18.x/api/http.html",
        ),
        (
            "https://www.w3.org/Protocols/rfc2616/rfc2616-sec9.html",
            "https://www.rfc-editor.org/rfc/rfc9110.html",
        ),
        # another resource
        (
            "https://en.wikipedia.org/wiki/Sequence_diagram",
            "https://www.geeksforgeeks.org/unified-modeling-language-uml-sequence-diagrams/",
        ),
        (
            "https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/201",
            "https://httpstatuses.com/201",
        ),
        ("http://localhost:3001/api/notes/2", "http://localhost:3001/api/notes/1"),
        ("mailto:info@imatra.fi", "mailto:kirjaamo@imatra.fi"),
    ],
)
def test_different_resource(original: str, translation: str) -> None:
    assert not same_target(original, translation)


def test_rewrite_rules_map_a_sites_language_versions() -> None:
    """A site whose English pages have their own names: `[links] rewrite` says which."""
    rules = ((r"/fi/kasvatus-ja-koulutus\b", "/en/childhood-and-education"),)
    fi, en = (
        "https://www.hel.fi/fi/kasvatus-ja-koulutus",
        "https://www.hel.fi/en/childhood-and-education",
    )
    assert not same_target(fi, en)
    assert same_target(fi, en, rules)


def test_unmatched_counts_each_target_once() -> None:
    only_fi, only_en = unmatched(
        ["https://a.fi/x", "https://a.fi/x/", "https://b.fi/"], ["https://a.fi/x", "https://c.fi"]
    )
    assert only_fi == ["https://b.fi/"]
    assert only_en == ["https://c.fi"]


def test_images_by_file() -> None:
    assert is_image("../../images/3/1.png") and not is_image("https://x.fi/page")
    assert image_name("../../images/3/1.PNG?raw=1") == "1.png"


def _finnish(word: str) -> bool:
    return word in {"osa", "puhelinluettelo", "maiden", "tiedot", "kurssitiedot", "helppoa", "on"}


def test_code_identical_or_translated_is_not_changed() -> None:
    assert compare_code("npm start\n", "npm start", _finnish) == []
    fi = "const note = 'HTML on helppoa' // muistiinpano\n"
    en = "const note = 'HTML is easy' // a note\n"
    assert compare_code(fi, en, _finnish, "js") == []
    # folder names translated word for word
    assert (
        compare_code("osa0\nosa1\n  kurssitiedot\n", "part0\npart1\n  courseinfo\n", _finnish) == []
    )
    # shell comments in a shell block, fence language aside
    assert compare_code("ls # listaa\n", "ls # list\n", _finnish, "bash") == []


def test_code_that_differs_in_substance_is_changed() -> None:
    (found,) = compare_code("error: 'token missing or invalid'", "error: 'token invalid'", _finnish)
    assert (found.original, found.translation) == ("'token missing or invalid'", "'token invalid'")
    (brace,) = compare_code("a(\n)", "a(\n}", _finnish)
    assert (brace.original, brace.translation) == (")", "}")
    # a line more in the translation's directory listing
    assert compare_code("osa2\n  puhelinluettelo\n", "part2\n  courseinfo\n  phonebook\n", _finnish)
    # a timestamp that differs
    assert compare_code('date: "2019-01-03"', 'date: "2019-05-25"', _finnish)


def test_shape_leaves_out_strings_and_comments() -> None:
    assert shape("x = 'a' // c\n") == shape("x = 'b' // d\n") == 'x = ""'


def test_front_matter_by_key() -> None:
    fi = "title: Suljetut ovet\ndate: 2020-04-09\nlang: fi\nweight: 3\nimage: ../kuva.png"
    en = "title: Closed doors\ndate: 2020-04-10\nlang: en\nweight: 3"
    assert fields(fi)["title"] == "Suljetut ovet"
    assert differences(fi, en) == [
        ("date", "2020-04-09", "2020-04-10"),
        ("image", "../kuva.png", ""),
    ]
    toml = "title = 'Otsikko'\n[params]\npart = 3\n"
    assert fields(toml) == {"title": "Otsikko", "params.part": "3"}
