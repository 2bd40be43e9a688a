"""The deployment files agree with the code: compose and the Procfile, the Dockerfile, the systemd units."""
from __future__ import annotations

import asyncio
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib

import pytest
import yaml
from aiohttp import web

from bot.cli import build_parser
from bot.settings import Settings
from bot.web import build_web_app
from storage.database import make_engine
from tests.ops.support import ROOT, free_port, salesbot, wait_for_health
from tests.ops.test_healthz import app_on

UNITS = sorted((ROOT / "deploy").glob("salesbot-*.service")) + sorted((ROOT / "deploy").glob("*.timer"))


def procfile() -> dict[str, list[str]]:
    lines = (ROOT / "Procfile").read_text().splitlines()
    return {role: shlex.split(command) for role, command in (line.split(":", 1) for line in lines if line.strip())}


def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def dockerfile() -> dict[str, list[str]]:
    """Instruction -> its arguments, continuation lines joined (every occurrence, in order)."""
    text = re.sub(r"\\\n\s*", " ", (ROOT / "Dockerfile").read_text())
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            instruction, _, rest = line.strip().partition(" ")
            found.setdefault(instruction.upper(), []).append(rest.strip())
    return found


def docker_env() -> dict[str, str]:
    env = {}
    for line in dockerfile()["ENV"]:
        env.update(dict(pair.split("=", 1) for pair in shlex.split(line)))
    return env


def parses(argv: list[str]) -> None:
    """The real CLI accepts this command line (argparse exits on anything it does not know)."""
    assert argv[0] == "salesbot", argv
    build_parser().parse_args(argv[1:])


def test_compose_runs_the_procfile_roles_beside_postgresql():
    services = compose()["services"]
    assert set(services) == {"postgres", "release", "web", "clock"}
    roles = procfile()
    for role in ("release", "web", "clock"):
        command = services[role]["command"]
        assert command[:len(roles[role])] == roles[role], role  # the Procfile's command, options added at most
        parses(command)
    assert services["release"]["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    for role in ("web", "clock"):
        assert services[role]["depends_on"] == {"release": {"condition": "service_completed_successfully"}}
    environment = services["web"]["environment"]
    settings = Settings.from_env(environment | {"PORT": docker_env()["PORT"]})
    assert settings.database_url.startswith("postgresql+psycopg://") and "@postgres:5432/" in settings.database_url
    assert services["postgres"]["environment"]["POSTGRES_DB"] == settings.database_url.rsplit("/", 1)[1]


def test_the_image_healthcheck_reaches_every_salesbot_container():
    services, port = compose()["services"], docker_env()["PORT"]
    assert services["web"]["ports"] == [f"127.0.0.1:{port}:{port}"]
    clock = services["clock"]["command"]
    assert clock[clock.index("--port") + 1] == port  # the clock serves /healthz where the HEALTHCHECK looks
    assert services["release"]["healthcheck"] == {"disable": True}  # a one-shot job has nothing to serve


def test_dockerfile_installs_the_packages_and_runs_unprivileged():
    instructions, pyproject = dockerfile(), tomllib.loads((ROOT / "pyproject.toml").read_text())
    copied = {source for line in instructions["COPY"] for source in line.split()[:-1]}
    packages = {name.rstrip("*") for name in pyproject["tool"]["setuptools"]["packages"]["find"]["include"]}
    assert packages <= copied and {"pyproject.toml", "README.md", "LICENSE"} <= copied
    assert instructions["USER"] == ["salesbot"] and "useradd --system" in " ".join(instructions["RUN"])
    assert instructions["EXPOSE"] == [docker_env()["PORT"]] and int(docker_env()["PORT"]) == Settings().port
    command = json.loads(instructions["CMD"][0])
    parses(command)
    assert command == ["salesbot", "serve"]
    Settings.from_env(docker_env())  # the image's own settings start up


def healthcheck_command() -> list[str]:
    line = dockerfile()["HEALTHCHECK"][0]
    return json.loads(line[line.index("CMD") + 3:])


def run_healthcheck(port: int) -> subprocess.CompletedProcess:
    """The image's HEALTHCHECK command itself, as Docker would run it inside the container."""
    line = dockerfile()["HEALTHCHECK"][0]
    command = json.loads(line[line.index("CMD") + 3:])
    assert command[0] == "python" and "/healthz" in command[-1]
    return subprocess.run([sys.executable, *command[1:]], env=os.environ | {"PORT": str(port)},
                          capture_output=True, text=True, timeout=30)


async def test_the_image_healthcheck_passes_against_a_running_server(tmp_path, http):
    port = free_port()
    server = salesbot(["serve", "--host", "127.0.0.1", "--port", str(port), "--no-scheduler"],
                      {"DATABASE_URL": f"sqlite:///{tmp_path / 'h.db'}"})
    try:
        await wait_for_health(http, f"http://127.0.0.1:{port}", server)
        result = run_healthcheck(port)
    finally:
        server.terminate()
        server.communicate(timeout=20)
    assert result.returncode == 0, result.stderr[-300:]


async def test_the_image_healthcheck_fails_while_the_database_is_unreachable():
    engine = make_engine(f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/salesbot")
    runner = web.AppRunner(build_web_app(app_on(engine), mounts=[]))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        result = await asyncio.to_thread(run_healthcheck, site._server.sockets[0].getsockname()[1])
    finally:
        await runner.cleanup()
    assert result.returncode != 0 and "HTTP Error 503" in result.stderr


def unit_commands(unit) -> list[list[str]]:
    commands = []
    for line in unit.read_text().splitlines():
        if line.startswith(("ExecStart=", "ExecStartPre=")):
            argv = shlex.split(line.split("=", 1)[1])
            if argv[0] == "/bin/sh":
                # The shell only names the file: `$(date ...)` stands for a timestamp.
                script = re.sub(r"\$\(date [^)]*\)", "20260101T031500Z", argv[-1].replace("exec ", "", 1))
                argv = shlex.split(script)
            commands.append(argv)
    return commands


def test_systemd_units_run_real_salesbot_commands():
    services = [unit for unit in UNITS if unit.suffix == ".service"]
    assert {unit.name for unit in services} >= {"salesbot-web.service", "salesbot-clock.service"}
    seen = []
    for unit in services:
        for argv in unit_commands(unit):
            assert argv[0] == "/opt/salesbot/venv/bin/salesbot"
            parses(["salesbot", *argv[1:]])
            seen.append(argv[1:3])
    assert ["db", "upgrade"] in seen and ["serve", "--host"] in seen and ["clock", "--host"] in seen
    assert ["db", "backup"] in seen


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_units_verify_cleanly(tmp_path):
    """`systemd-analyze verify` on the units, with the venv path pointed at this checkout's salesbot."""
    here = shutil.which("salesbot", path=os.path.dirname(sys.executable))
    assert here, "salesbot is not installed beside this Python"
    copies = []
    for unit in UNITS:
        copy = tmp_path / unit.name
        copy.write_text(unit.read_text().replace("/opt/salesbot/venv/bin/salesbot", here))
        copies.append(str(copy))
    result = subprocess.run(["systemd-analyze", "verify", "--man=no", *copies], capture_output=True, text=True,
                            timeout=60)
    # Unknown keys and bad values are only warnings (exit 0): any output at all is a defect.
    assert result.returncode == 0 and result.stdout + result.stderr == ""


def test_proxies_forward_to_the_default_port_and_keep_metrics_private():
    port = Settings().port
    caddy, nginx = (ROOT / "deploy" / "Caddyfile").read_text(), (ROOT / "deploy" / "nginx.conf").read_text()
    assert f"reverse_proxy 127.0.0.1:{port}" in caddy and f"proxy_pass http://127.0.0.1:{port};" in nginx
    assert re.search(r"@private path [^\n]*/metrics", caddy) and "respond @private 404" in caddy
    assert "location = /metrics { return 404; }" in nginx


@pytest.mark.skipif(shutil.which("caddy") is None, reason="caddy is not installed")
def test_the_caddyfile_parses_and_answers_404_for_metrics_before_proxying(tmp_path):
    caddyfile = ROOT / "deploy" / "Caddyfile"
    result = subprocess.run(["caddy", "adapt", "--adapter", "caddyfile", "--config", str(caddyfile)],
                            capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    handlers = re.findall(r'"handler":"(\w+)"', result.stdout)
    assert handlers.index("static_response") < handlers.index("reverse_proxy")
    assert '"path":["/metrics","/healthz"]' in result.stdout
    assert f'"dial":"127.0.0.1:{Settings().port}"' in result.stdout


@pytest.mark.skipif(shutil.which("nginx") is None and not os.path.exists("/usr/sbin/nginx"),
                    reason="nginx is not installed")
def test_the_nginx_site_passes_nginx_t(tmp_path):
    """`nginx -t` on the site inside a minimal main config, with a throw-away certificate for the real one."""
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(tmp_path / "key.pem"),
                    "-out", str(tmp_path / "cert.pem"), "-days", "1", "-subj", "/CN=bot.example.com"],
                   check=True, capture_output=True, timeout=60)
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    site = site.replace("/etc/letsencrypt/live/bot.example.com/fullchain.pem", str(tmp_path / "cert.pem"))
    site = site.replace("/etc/letsencrypt/live/bot.example.com/privkey.pem", str(tmp_path / "key.pem"))
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
                                         f"http {{\n access_log off;\n include {tmp_path}/site.conf;\n}}\n")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    result = subprocess.run([nginx, "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "test is successful" in result.stderr, result.stderr
