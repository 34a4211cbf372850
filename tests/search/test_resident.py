"""A resident's first searches on the demo site (issue #15, item 6), through the public
API, on each engine: a question about a home fire finds the home-fire article, single
characters find something, a question about shelters puts a shelter first, and heading
markup never reaches a snippet or matches a query."""

import re

MARKUP = re.compile(r"\bh[1-6]\b", re.IGNORECASE)


def search(client, text):
    response = client.get("/api/search/", {"q": text, "per_page": 50})
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_first_searches_of_a_resident(client, demo_index):
    found = search(client, "家里着火了怎么办")
    assert found["engine"] == demo_index
    assert found["results"], "家里着火了怎么办 finds nothing"
    assert found["results"][0]["title"] == "家庭火灾的预防与逃生", found["results"][:3]

    for character in ("火", "水"):
        assert search(client, character)["total"] > 0, character

    shelters = search(client, "避难场所在哪")["results"]
    assert shelters, "避难场所在哪 finds nothing"
    first = shelters[0]
    assert first["type"] == "shelter" or "避难场所" in first["title"], shelters[:3]

    markup = search(client, "h2")
    assert markup["total"] == 0, [(h["title"], h["url"], h["snippet"]) for h in markup["results"]]
    for text in ("就近躲避", "地震", "震后撤离", "火灾", "暴雨"):
        for hit in search(client, text)["results"]:
            assert not MARKUP.search(hit["snippet"]), (text, hit["title"], hit["snippet"])
