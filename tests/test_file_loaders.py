"""Every loader of a file a person brings turns every fault a parser finds into the kit's message
(a KitInputError, shown in the widget), never a traceback."""

import pytest

from ickit.errors import KitInputError
from ickit.logic import lessons_check, plan_export, readiness, team_config


LOADERS = {
    "readiness": lambda content, data: readiness.from_csv(content, data),
    "lessons": lambda content, data: lessons_check.from_csv(content, data),
    "team": lambda content, data: team_config.from_json(data, content),
    "plan": lambda content, data: plan_export.plan_from_json(data),
}
FAULTY = {
    "a header longer than a CSV field may be": b"list," + b"x" * 140_000 + b"\n",
    "a field longer than a CSV field may be": b"list,item_id,rating\na," + b"x" * 140_000 + b",1\n",
    "a NUL byte": b"list,item_id,rating\n\x00a,b,1\n",
    "not UTF-8": b"list,item_id,rating\n\xe9,b,1\n",
    "UTF-16": "list,item_id,rating\n".encode("utf-16"),
    "an unclosed quote": b'"list,item_id,rating\n',
    "JSON nested too deep": b"[" * 100_000,
    "an object nested too deep": b'{"a":' * 50_000,
    "a number too long to read": b'{"format": "ickit-team-configuration", "version": ' + b"9" * 5000 + b"}",
}


@pytest.mark.parametrize("fault", FAULTY)
@pytest.mark.parametrize("loader", LOADERS)
def test_every_loader_turns_every_parser_error_into_a_message(content, loader, fault):
    with pytest.raises(KitInputError):
        LOADERS[loader](content, FAULTY[fault])

