"""A student without a browser: Streamlit's own protocol (protobuf BackMsg/ForwardMsg over the websocket
/_stcore/stream), spoken as the frontend speaks it, so a load test can drive hundreds of sessions where Chromium
pages would take a core each. It keeps the frontend's message cache too (same age rule), so bytes and cache misses
are what a browser would see."""
import asyncio
import time
from collections import deque
from urllib.parse import parse_qsl, urlencode, urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
"""A run's last message; FINISHED_EARLY_FOR_RERUN is followed by the run it gave way to."""


def walk(value, low, high, step, n):
    """n slider values from `value`, one step at a time, upward first, turning back at either end (a select
    slider's values are indices into its options)."""
    out, direction = [], 1 if value + step <= high + 1e-9 else -1
    for _ in range(n):
        if not low - 1e-9 <= value + direction * step <= high + 1e-9:
            direction = -direction
        value = round(value + direction * step, 10)
        out.append(value)
    return out


class CacheMiss(RuntimeError):
    """The server referred to a message this session no longer holds: the frontend's fatal 'Cached ForwardMsg MISS'."""


class Session:
    """One browser tab on `url` (base URL + page path + query). Use: `async with Session(url) as s:` opens the page
    and waits for its first run; `await s.move(key, value)` sets a widget as a user would and waits for the run."""

    def __init__(self, url, cookie=None, session_id=None):
        parts = urlsplit(url)
        self.base, self.page = f"{parts.scheme}://{parts.netloc}", parts.path.strip("/")
        self.query = dict(parse_qsl(parts.query, keep_blank_values=True))
        self.cookie, self.resume = cookie, session_id
        self.widgets = {}  # key: (widget id, fragment id or "", element type, the element's proto)
        self.page_hash, self.session_id, self.max_age = "", None, 2
        self.received = self.sent = 0  # payload bytes
        self.errors = []  # the text of every exception element the app drew
        self.metrics = {}  # label: value of each st.metric, as last drawn
        self._moved = {}  # key: the value this session last gave it
        self._cache, self._runs, self._pending, self._reader, self._ws = {}, 0, deque(), None, None

    async def __aenter__(self):
        headers = {"Origin": self.base, **({"Cookie": self.cookie} if self.cookie else {})}
        protocols = ["streamlit", "PLACEHOLDER_AUTH_TOKEN", *([self.resume] if self.resume else [])]
        self._ws = await websockets.connect(self.base.replace("http", "ws", 1) + "/_stcore/stream",
                                            subprotocols=protocols, additional_headers=headers, max_size=None,
                                            open_timeout=30)
        self._reader = asyncio.create_task(self._read())
        await self._run(page_name=self.page)
        return self

    async def __aexit__(self, *exc):
        self._reader.cancel()
        await self._ws.close()

    async def move(self, key, value):
        """Set widget `key` to `value` (a slider's number, a select slider's index) and wait for the run it starts:
        seconds from send to done. Only the moved widget's state is sent: the server keeps every other widget's last
        value."""
        return await self.send_move(key, value)

    def send_move(self, key, value):
        """Send the move now; the returned task waits for its run. Two moves sent before the first run ends are
        what a fast user (or a fragment's timer) does; the server may fold them into one run."""
        wid, fragment, kind, proto = self.widgets[key]
        state = {"id": wid}
        if kind == "slider" and proto.options:  # a select slider: its value is an index, sent as its option
            state["string_array_value"] = {"data": [proto.options[int(value)]]}
        elif kind == "slider":
            state["double_array_value"] = {"data": [value]}
        elif kind == "checkbox":
            state["bool_value"] = bool(value)
        else:
            state["string_value"] = str(value)
        self.query[key] = proto.options[int(value)] if kind == "slider" and proto.options else str(value)
        self._moved[key] = value
        return asyncio.ensure_future(self._run(widget_states={"widgets": [state]}, fragment_id=fragment,
                                               page_script_hash=self.page_hash))

    def slider(self, key):
        """(value, low, high, step) of slider `key`: the value the server last set, else the one this session
        last gave it, else its default."""
        proto = self.widgets[key][3]
        value = proto.value[0] if proto.value else self._moved.get(key, proto.default[0])
        return value, proto.min, proto.max, proto.step

    async def _run(self, **client_state):
        finished = asyncio.get_running_loop().create_future()
        self._pending.append(finished)
        msg = BackMsg(rerun_script={"query_string": urlencode(self.query), "cached_message_hashes": list(self._cache),
                                    "context_info": {"timezone": "UTC", "locale": "en-US",
                                                     "url": f"{self.base}/{self.page}"}, **client_state})
        data = msg.SerializeToString()
        t = time.perf_counter()
        self.sent += len(data)
        await self._ws.send(data)
        await asyncio.wait_for(finished, timeout=120)
        return time.perf_counter() - t

    async def _read(self):
        try:
            async for data in self._ws:
                self.received += len(data)
                self._handle(data)
        except Exception as e:  # the socket closed or a message broke: whoever waits for a run hears why
            while self._pending:
                self._pending.popleft().set_exception(e)

    def _handle(self, data):
        msg = ForwardMsg()
        msg.ParseFromString(data)
        kind = msg.WhichOneof("type")
        if kind == "ref_hash":
            if msg.ref_hash not in self._cache:
                raise CacheMiss(f"Cached ForwardMsg MISS [hash={msg.ref_hash}]")
            self._cache[msg.ref_hash][0] = self._runs
            cached = ForwardMsg()
            cached.ParseFromString(self._cache[msg.ref_hash][1])
            msg, kind = cached, "delta"
        elif msg.metadata.cacheable:
            self._cache.setdefault(msg.hash, [self._runs, data, msg.delta.fragment_id])[0] = self._runs
        if kind == "new_session":
            self.session_id = msg.new_session.initialize.session_id
            self.max_age = msg.new_session.config.max_cached_message_age
        elif kind == "navigation":
            self.page_hash = msg.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query = dict(parse_qsl(msg.page_info_changed.query_string, keep_blank_values=True))
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self._element(msg.delta)
        elif kind == "script_finished" and msg.script_finished in DONE:
            self._age(list(msg.metadata.run.fragment_ids))
            if self._pending:
                self._pending.popleft().set_result(None)

    def _element(self, delta):
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            self.errors.append(element.exception.message)
            return
        if kind == "metric":
            self.metrics[element.metric.label] = element.metric.body
        proto = getattr(element, kind)
        wid = getattr(proto, "id", "")
        if isinstance(wid, str) and wid.startswith("$$ID-") and wid.count("-") >= 2:
            self.widgets[wid.split("-", 2)[2]] = (wid, delta.fragment_id, kind, proto)

    def _age(self, fragment_ids):
        """The frontend's rule at each run's end: a cached message unused for more than max_age runs is dropped
        (after a fragment's run, only that fragment's messages age out)."""
        self._runs += 1
        for h, (used, _, fragment) in list(self._cache.items()):
            if fragment_ids and fragment not in fragment_ids:
                continue
            if self._runs - used > self.max_age:
                del self._cache[h]
