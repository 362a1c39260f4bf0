"""bench.replicas adapts the repo's own nginx config and Dockerfile CMD to loopback, changing nothing else: the
routing it tests is the one deployed."""
import re

from bench.replicas import LOG_FORMAT, loopback_config, replica_command
from browser import ROOT


def test_the_loopback_config_is_the_repos_with_only_addresses_files_and_a_log_added():
    ours = loopback_config([1111, 2222, 3333], 4444, "/tmp/x")
    repo = (ROOT / "deploy" / "nginx.conf").read_text()
    for port in (1111, 2222, 3333):
        assert f"server 127.0.0.1:{port};" in ours
    assert "listen 127.0.0.1:4444;" in ours and "server app:8501;" not in ours and LOG_FORMAT in ours
    kept = [line for line in repo.splitlines() if not re.search(r"server app:8501;|listen 80;", line)]
    assert all(line in ours.splitlines() for line in kept)


def test_the_routing_hashes_a_cookie_the_first_response_sets_not_the_address():
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "hash $route consistent;" in conf and not re.search(r"^\s*ip_hash", conf, re.M)
    assert re.search(r"add_header Set-Cookie \$set_route;", conf)


def test_a_replica_starts_as_the_dockerfile_says_on_a_loopback_port():
    cmd = replica_command(5555)
    assert cmd[1:4] == ["-m", "streamlit", "run"] and "app.py" in cmd
    assert cmd[-2:] == ["--server.port=5555", "--server.address=127.0.0.1"]
    assert "--server.headless=true" in cmd
