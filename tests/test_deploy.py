"""deploy/kubernetes.yaml agrees with the Dockerfile, compose.yaml and deploy/nginx.conf: the port, the health
probes, the user, the number of replicas and the cookie that keeps a browser on one replica; and the Dockerfile
copies every package the app imports."""
import re

import pytest
import yaml

from browser import ROOT
from test_requirements import APP

DOCKERFILE = (ROOT / "Dockerfile").read_text()
NGINX = (ROOT / "deploy" / "nginx.conf").read_text()


@pytest.fixture(scope="module")
def k8s():
    """{kind: manifest} of deploy/kubernetes.yaml."""
    return {doc["kind"]: doc for doc in yaml.safe_load_all((ROOT / "deploy" / "kubernetes.yaml").read_text())}


def container(k8s):
    [app] = k8s["Deployment"]["spec"]["template"]["spec"]["containers"]
    return app


def healthcheck():
    """The Dockerfile's HEALTHCHECK: ({option: seconds or count}, the URL it asks)."""
    line = re.search(r"^HEALTHCHECK (.*?) CMD (.*?)$", DOCKERFILE.replace("\\\n", " "), re.M)
    options = {k: int(v) for k, v in re.findall(r"--([a-z-]+)=(\d+)s?", line[1])}
    return options, re.search(r"'(http://[^']+)'", line[2])[1]


def test_the_pods_serve_on_the_port_the_dockerfile_exposes_and_nginx_proxies_to(k8s):
    port = int(re.search(r"^EXPOSE (\d+)$", DOCKERFILE, re.M)[1])
    assert f"--server.port={port}" in DOCKERFILE and f"server app:{port};" in NGINX
    [named] = container(k8s)["ports"]
    assert named["containerPort"] == port
    [service_port] = k8s["Service"]["spec"]["ports"]
    assert service_port["targetPort"] == named["name"]
    backend = k8s["Ingress"]["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend == {"name": k8s["Service"]["metadata"]["name"], "port": {"name": service_port["name"]}}
    assert k8s["Service"]["spec"]["selector"] == k8s["Deployment"]["spec"]["template"]["metadata"]["labels"]


def test_readiness_and_liveness_probes_ask_streamlits_health_as_the_dockerfile_healthcheck_does(k8s):
    options, url = healthcheck()
    app = container(k8s)
    for name in ("readinessProbe", "livenessProbe", "startupProbe"):
        probe = app[name]
        assert probe["httpGet"] == {"path": "/_stcore/health", "port": app["ports"][0]["name"]}
        assert url.endswith(f":{app['ports'][0]['containerPort']}{probe['httpGet']['path']}")
        assert probe["timeoutSeconds"] == options["timeout"]
    for name in ("readinessProbe", "livenessProbe"):
        assert app[name]["periodSeconds"] == options["interval"]
        assert app[name]["failureThreshold"] == options["retries"]
    startup = app["startupProbe"]
    assert startup["periodSeconds"] * startup["failureThreshold"] >= options["start-period"]


def test_the_pods_run_as_the_dockerfiles_unprivileged_user_as_many_as_compose_starts(k8s):
    uid = int(re.search(r"useradd .*--uid (\d+)", DOCKERFILE)[1])
    security = k8s["Deployment"]["spec"]["template"]["spec"]["securityContext"]
    assert security == {"runAsNonRoot": True, "runAsUser": uid}
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    default = int(re.fullmatch(r"\$\{APP_REPLICAS:-(\d+)\}", compose["services"]["app"]["deploy"]["replicas"])[1])
    assert k8s["Deployment"]["spec"]["replicas"] == default


def test_a_browser_stays_on_one_replica_by_nginx_confs_cookie_not_by_its_address(k8s):
    notes = k8s["Ingress"]["metadata"]["annotations"]
    cookie = re.search(r"map \$cookie_(\w+) \$route", NGINX)[1]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert notes["nginx.ingress.kubernetes.io/session-cookie-name"] == cookie
    assert int(notes["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600  # a websocket idle for an hour
    assert k8s["Service"]["spec"].get("sessionAffinity", "None") == "None"  # ClientIP: one hall, one replica


def test_the_dockerfile_copies_every_package_the_app_imports():
    copied = set(re.findall(r"^COPY --chown=\S+ (\S+) \1$", DOCKERFILE, re.M))
    assert set(APP) <= copied and "app.py" in DOCKERFILE
