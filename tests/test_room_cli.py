"""`ickit room` and the rooms side of `ickit serve`: open, list and delete rooms from the command
line; the server checks its store, purges old rooms and records where participants join."""

import re
import time
import urllib.parse

import pytest

from ickit import cli
from ickit.logic.room_store import open_store
from ickit.serve import ServeOptions, join_server, prepare_rooms


@pytest.fixture
def launched(monkeypatch):
    seen = []
    monkeypatch.setattr(cli, "serve", lambda options, content, rooms, join, budget:
                        seen.append((options, rooms, join)))
    return seen


def test_a_room_opened_before_any_server_prints_the_facilitator_path_with_its_key(capsys):
    assert cli.main(["room", "new", "--activity", "lessons", "--title", "North"]) == 0
    out = capsys.readouterr().out
    assert "is open: North (Ten lessons: partnership check)" in out and "the token `ickit serve` prints" in out
    path = re.search(r"/voila/render/room_facilitator\.ipynb\?room=(\w+)&key=(\S+)", out)
    store = open_store()
    assert store.check_key(path[1], urllib.parse.unquote(path[2]))
    store.close()


def test_a_room_gets_the_addresses_the_server_recorded_and_a_qr_file(tmp_path, monkeypatch, capsys, content):
    monkeypatch.chdir(tmp_path)
    options = ServeOptions(port=8899, public=True, token="tok123", root=tmp_path / "served")
    prepare_rooms(options, content, join_server(options, host="10.1.2.3"))
    assert cli.main(["room", "new", "--activity", "readiness", "--title", "South"]) == 0
    out = capsys.readouterr().out
    code = out.split()[1]
    assert f"http://10.1.2.3:8899/voila/render/room.ipynb?room={code}&token=tok123" in out
    assert f"room_facilitator.ipynb?room={code}&key=" in out
    svg = (tmp_path / f"room-{code}.svg").read_text()
    assert svg.startswith("<svg") and f"join room {code}" in svg


def test_a_poll_names_its_knowledge_checks_and_mistakes_are_kind(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # where the QR code is written
    assert cli.main(["room", "new", "--activity", "poll", "--title", "Quiz"]) == 2
    assert "Choose at least one knowledge check" in capsys.readouterr().err
    assert cli.main(["room", "new", "--activity", "quiz", "--title", "Quiz"]) == 2
    assert "no room activity called 'quiz'" in capsys.readouterr().err
    assert cli.main(["room", "new", "--activity", "poll", "--quiz", "first-law", "--title", " "]) == 2
    assert "Give the room a title" in capsys.readouterr().err
    assert cli.main(["room", "new", "--activity", "poll", "--quiz", "first-law", "--title", "Q",
                     "--url", "http://h:1"]) == 0
    assert "http://h:1/voila/render/room.ipynb?room=" in capsys.readouterr().out


def test_rooms_are_listed_and_deleted(capsys):
    cli.main(["room", "new", "--activity", "team", "--title", "Teams <b>\x1b[2J\u202egone"])
    code = capsys.readouterr().out.split()[1]
    assert cli.main(["room", "list"]) == 0
    listed = capsys.readouterr().out
    assert code in listed and "Teams <b>[2Jgone" in listed and "\x1b" not in listed
    assert cli.main(["room", "delete", code.lower()]) == 0
    assert "deleted" in capsys.readouterr().out
    assert cli.main(["room", "delete", code]) == 2
    assert f"There is no room {code}" in capsys.readouterr().err
    cli.main(["room", "list"])
    assert "No rooms yet" in capsys.readouterr().out


def test_serve_purges_old_rooms_and_says_where_rooms_are_kept(launched, capsys, tmp_path):
    where = tmp_path / "kept.sqlite"
    store = open_store(where)
    old = store.create_room("lessons", "Old").code
    with store._transaction() as run:
        run("UPDATE rooms SET created = ? WHERE code = ?", (time.time() - 40 * 86400, old))
    store.close()
    assert cli.main(["serve", "--rooms", str(where), "--no-browser"]) == 0
    out = capsys.readouterr().out
    assert f"workshop rooms are kept in {where}; 1 room(s) older than 30 days deleted" in out
    assert "participants join at http://127.0.0.1:8866/" in out
    (options, rooms, join), = launched
    assert rooms == str(where) and join.base == "http://127.0.0.1:8866/"
    assert open_store(where).room(old) is None


def test_serve_refuses_a_rooms_file_it_would_serve_and_a_store_it_cannot_reach(launched, capsys, postgres):
    from ickit.serve import DASHBOARD_DIR

    assert cli.main(["serve", "--rooms", str(DASHBOARD_DIR / "rooms.sqlite")]) == 2
    assert "is inside the folder the server shows" in capsys.readouterr().err
    assert cli.main(["serve", "--rooms", f"postgresql://kit:pw@127.0.0.1:{postgres.port}/nothing_here"]) == 2
    err = capsys.readouterr().err
    assert "cannot be reached" in err and "nothing_here" in err and ":pw@" not in err
    assert launched == []


def test_a_public_server_gives_its_network_address_or_the_public_url():
    assert join_server(ServeOptions(port=1, public=True, token="t"), host="10.0.0.5").base == "http://10.0.0.5:1/"
    chosen = join_server(ServeOptions(public=True, token="t", public_url="https://event.example.org"))
    assert (chosen.base, chosen.token) == ("https://event.example.org/", "t")
    assert join_server(ServeOptions()).local


def test_servers_behind_one_address_share_a_token_and_that_address(launched, capsys):
    assert cli.main(["serve", "--public", "--token", "shared-token-123", "--public-url",
                     "http://event.example.org"]) == 0
    (options, rooms, join), = launched
    assert options.token == "shared-token-123" and join.base == "http://event.example.org/"
    assert "participants join at http://event.example.org/" in capsys.readouterr().out
