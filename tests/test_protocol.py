"""bench.protocol, the load tests' browser-less student: it keeps the browser's message cache by the browser's rule
(so a reference to a message it dropped is the browser's fatal miss), and it drives the real server."""
import asyncio

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.protocol import CacheMiss, Session, walk
from browser import serve
from experiments.curves import operating_point


def _feed(s, msg):
    s._handle(msg.SerializeToString())


def _cached_element(h):
    msg = ForwardMsg(hash=h)
    msg.metadata.cacheable = True
    msg.delta.new_element.markdown.body = "x" * 100
    return msg


def _finished():
    return ForwardMsg(script_finished=ForwardMsg.FINISHED_SUCCESSFULLY)


def test_a_message_is_kept_for_two_runs_after_its_last_use_and_a_reference_after_that_is_a_miss():
    s = Session("http://127.0.0.1:1/")
    _feed(s, _cached_element("h"))
    for _ in range(2):
        _feed(s, _finished())
    _feed(s, ForwardMsg(ref_hash="h"))  # two runs later: still held, and the use renews it
    for _ in range(2):
        _feed(s, _finished())
    assert "h" in s._cache
    _feed(s, _finished())
    with pytest.raises(CacheMiss):
        _feed(s, ForwardMsg(ref_hash="h"))


def test_a_fragment_run_ages_only_that_fragments_messages():
    s = Session("http://127.0.0.1:1/")
    _feed(s, _cached_element("page"))
    fragment = _cached_element("frame")
    fragment.delta.fragment_id = "f"
    _feed(s, fragment)
    for _ in range(3):
        run = _finished()
        run.metadata.run.fragment_ids.append("f")
        _feed(s, run)
    assert "page" in s._cache and "frame" not in s._cache


def test_a_walk_moves_one_step_at_a_time_and_turns_back_at_either_end():
    assert walk(3, 0, 5, 1, 4) == [4, 5, 4, 3]
    assert walk(5, 0, 5, 1, 2) == [4, 3]
    assert walk(0.5, 0.0, 1.0, 0.5, 4) == [1.0, 0.5, 0.0, 0.5]


def test_a_session_opens_a_link_and_a_slider_move_reruns_the_page_at_the_new_value():
    async def drive(url):
        async with Session(f"{url}/?z=1.0") as s:
            opened = set(s.metrics.values())
            await s.move("z", -3.0)
            return opened, set(s.metrics.values()), s.errors

    with serve() as url:
        opened, moved, errors = asyncio.run(drive(url))
    assert f"{operating_point('sigmoid', 1.0)['value']:.4f}" in opened
    assert f"{operating_point('sigmoid', -3.0)['value']:.4f}" in moved
    assert not errors
