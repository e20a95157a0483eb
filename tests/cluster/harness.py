"""A production-like cluster on loopback, for tests/ops/test_cluster.py and the full
scenario (tests/cluster/scenario.py, `make scale-test`).

Real processes: nginx (a plain-HTTP copy of deploy/nginx/portail.conf's proxying,
load-balancing the app nodes), N gunicorn app nodes with the production settings,
M `db_worker` task workers, a moto S3 server; the machine's PostgreSQL (a fresh
database per run, dropped at the end) and Redis (a database number of its own,
emptied at the start and at the end); an SMTP sink in this process.

Every process is started in its own session and its whole group killed at the end,
failure or not; every wait is bounded. Use it as a context manager:

    with Cluster(nodes=2, workers=2) as cluster:
        status, headers, body = cluster.request("GET", "/healthz")
"""

import fcntl
import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or (
    "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None
)
PG_URL = os.environ.get("CLUSTER_PG_URL", "postgres://postgres@127.0.0.1:5432")
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
# Redis databases the harness may take, one per running cluster (0 is left alone).
REDIS_DATABASES = range(8, 16)
PASSWORD = "portail-demo-2026"
# An app node, as `make serve` starts it (its settings come from the environment).
GUNICORN = [
    sys.executable,
    "-m",
    "gunicorn",
    "-c",
    "deploy/gunicorn.conf.py",
    "cms.wsgi",
]


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def http(
    port: int,
    method: str,
    path: str,
    body=None,
    headers=None,
    timeout: float = 30,
):
    """One request on a fresh connection: (status, headers, body bytes)."""
    connection = HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        payload = None
        sent = {"Host": "localhost", **(headers or {})}
        if body is not None:
            payload = json.dumps(body).encode()
            sent["Content-Type"] = "application/json"
        connection.request(method, path, body=payload, headers=sent)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def cookies_of(headers: dict) -> str:
    """The Cookie header that sends back what a response set (name=value pairs)."""
    raw = [value for name, value in headers.items() if name.lower() == "set-cookie"]
    pairs = []
    for value in raw:
        # http.client folds repeated headers into one, comma-joined.
        for part in value.split(", "):
            first = part.split(";", 1)[0]
            if "=" in first and not first.lower().startswith("expires="):
                pairs.append(first.strip())
    return "; ".join(pairs)


class Redis:
    """The few commands the harness needs, over RESP, without a client library."""

    def __init__(self, db: int):
        self.db = db

    def command(self, *args):
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=5) as sock:
            out = b""
            for command in (("SELECT", str(self.db)), args):
                out += f"*{len(command)}\r\n".encode()
                for arg in command:
                    data = str(arg).encode()
                    out += b"$%d\r\n%s\r\n" % (len(data), data)
            sock.sendall(out)
            reader = sock.makefile("rb")
            reader.readline()  # +OK of SELECT
            return reader.readline().decode().strip()

    @classmethod
    def take(cls, owner: str) -> "Redis":
        """The first of REDIS_DATABASES that no other cluster holds, emptied."""
        for db in REDIS_DATABASES:
            redis = cls(db)
            if redis.command(
                "SET", "portail-cluster:owner", owner, "NX", "EX", 7200
            ) in {"+OK"}:
                redis.command("FLUSHDB")
                redis.command("SET", "portail-cluster:owner", owner, "EX", 7200)
                return redis
        raise RuntimeError(f"Redis databases {REDIS_DATABASES} are all in use")

    def release(self):
        self.command("FLUSHDB")


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    log: Path
    port: int | None = None
    extra: dict = field(default_factory=dict)

    def alive(self) -> bool:
        return self.popen.poll() is None

    def kill(self, sig=signal.SIGKILL, wait: float = 30) -> None:
        if self.popen.poll() is None:
            try:
                os.killpg(self.popen.pid, sig)
            except ProcessLookupError:
                pass
        try:
            self.popen.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(timeout=10)

    def tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


class Cluster:
    def __init__(
        self,
        nodes: int = 2,
        workers: int = 2,
        gunicorn_workers: int = 2,
        load_users: int = 0,
        batch_people: int = 0,
        log=None,
        keep: bool = False,
    ):
        self.node_count = nodes
        self.worker_count = workers
        self.gunicorn_workers = gunicorn_workers
        self.load_users = load_users
        self.batch_people = batch_people
        self.say = log or (lambda message: None)
        self.keep = keep
        self.processes: list[Process] = []
        self.nodes: list[Process] = []
        self.workers: list[Process] = []
        self.nginx: Process | None = None
        self.database = f"portail_cluster_{os.getpid()}_{secrets.token_hex(3)}"
        self.redis: Redis | None = None
        self.smtp = None
        self.folder: Path | None = None
        self._lock = threading.Lock()
        self._worker_serial = 0
        self.stopping = False

    # -- life cycle -------------------------------------------------------------

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self):
        if NGINX is None:
            raise RuntimeError("nginx is not installed (make test installs it)")
        self.folder = Path(tempfile.mkdtemp(prefix="portail-cluster-"))
        # nginx's workers may run as another user: they read and write here.
        self.folder.chmod(0o755)
        from tests.smtp import SmtpServer

        self.smtp = SmtpServer().__enter__()
        self.redis = Redis.take(self.database)
        self.s3 = self._start_s3()
        started = time.monotonic()
        template, cache = self._template()
        self.say(f"template ready in {time.monotonic() - started:.1f} s")
        self._pg(f'CREATE DATABASE "{self.database}" TEMPLATE "{template}"')
        self._database_created = True
        self._upload(cache / "objects")
        self.say(f"database copied in {time.monotonic() - started:.1f} s")
        self.environment = self._environment(self.database, cache / "seal")
        # The nodes and workers boot (imports, a minute on a busy machine) while the
        # run's own people are added.
        for index in range(self.node_count):
            self.start_node(index)
        for _ in range(self.worker_count):
            self.start_worker()
        self.data(
            "prepare",
            "--users",
            str(self.load_users),
            "--batch-people",
            str(self.batch_people),
        )
        self.say(f"database ready in {time.monotonic() - started:.1f} s")
        for node in self.nodes:
            self.wait_ready(node)
        self.start_nginx()
        self.say(f"nodes, workers and nginx up in {time.monotonic() - started:.1f} s")

    def stop(self):
        self.stopping = True
        for process in reversed(self.processes):
            try:
                process.kill(signal.SIGTERM, wait=15)
            except Exception:  # noqa: BLE001 — keep stopping the others
                pass
        if self.smtp is not None:
            self.smtp.__exit__(None, None, None)
            self.smtp = None
        if self.redis is not None:
            try:
                self.redis.release()
            except OSError:
                pass
            self.redis = None
        self._database_drop()
        if self.folder is not None and not self.keep:
            shutil.rmtree(self.folder, ignore_errors=True)

    # -- PostgreSQL, S3 ---------------------------------------------------------

    def _pg(self, sql: str, database: str = "postgres"):
        import psycopg

        with psycopg.connect(
            f"{PG_URL}/{database}", autocommit=True, connect_timeout=10
        ) as connection:
            cursor = connection.execute(sql)
            return cursor.fetchall() if cursor.description else None

    def _template(self) -> tuple[str, Path]:
        """A database migrated and holding the demo data, made once per version of
        the migrations and the demo (the fingerprint of their files), and the folder
        that keeps what goes with it: its files in S3 and the demo seal. Each run
        copies it (CREATE DATABASE ... TEMPLATE), which takes a second where
        migrating and seeding take minutes."""
        digest = hashlib.sha256()
        for path in sorted(
            [
                *ROOT.glob("*/migrations/*.py"),
                *ROOT.glob("cms/demo*.py"),
                *ROOT.glob("*/management/commands/*_demo.py"),
                ROOT / "requirements.txt",
            ]
        ):
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(path.read_bytes())
        fingerprint = digest.hexdigest()[:12]
        name = f"portail_cluster_tpl_{fingerprint}"
        caches = Path(tempfile.gettempdir()) / "portail-cluster-cache"
        caches.mkdir(parents=True, exist_ok=True)
        # Two runs on one machine (two suites side by side) build it once: the
        # second waits, then finds it.
        with (caches / "build.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            return self._template_built(name, caches, fingerprint)

    def _template_built(self, name, caches, fingerprint) -> tuple[str, Path]:
        cache = caches / fingerprint
        self._drop_leftovers(keep=name)
        # The files of older templates (their databases are dropped just above).
        for folder in caches.glob("*") if caches.is_dir() else []:
            if len(folder.name) == 12 and folder.name != fingerprint:
                shutil.rmtree(folder, ignore_errors=True)
        exists = self._pg(f"SELECT 1 FROM pg_database WHERE datname = '{name}'")
        if exists and (cache / "done").exists():
            return name, cache
        self.say("building the template database (migrations, demo data)")
        building = f"portail_cluster_build_{os.getpid()}_{secrets.token_hex(3)}"
        folder = caches / building
        folder.mkdir(parents=True)
        self._pg(f'CREATE DATABASE "{building}"')
        try:
            self.environment = self._environment(building, folder / "seal")
            self.manage("migrate", "--noinput", timeout=900)
            self.manage("seal_demo", timeout=300)
            self.manage("seed_demo", timeout=900)
            self._download(folder / "objects")
            if exists:
                self._pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            self._pg(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
        except BaseException:
            self._pg(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
            shutil.rmtree(folder, ignore_errors=True)
            raise
        shutil.rmtree(cache, ignore_errors=True)
        folder.rename(cache)
        (cache / "done").touch()
        # Emptied by the upload of the next run.
        self._empty_bucket()
        return name, cache

    def _drop_leftovers(self, keep: str):
        """Databases of runs whose process is gone, and templates of older versions."""
        rows = self._pg(
            "SELECT datname FROM pg_database WHERE datname LIKE 'portail\\_cluster\\_%'"
        )
        for (datname,) in rows or []:
            parts = datname.split("_")
            if datname == keep:
                continue
            if parts[2] in {"build"}:
                pid = int(parts[3])
            elif parts[2] == "tpl":
                pid = None
            else:
                pid = int(parts[2])
            if pid is not None and _pid_alive(pid):
                continue
            try:
                self._pg(f'DROP DATABASE IF EXISTS "{datname}" WITH (FORCE)')
            except Exception:  # noqa: BLE001 — another run may be using it
                pass

    def _s3_client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=f"http://127.0.0.1:{self.s3.port}",
            region_name="eu-west-3",
            aws_access_key_id="test",
            aws_secret_access_key="test",
        )

    def _keys(self):
        client = self._s3_client()
        for page in client.get_paginator("list_objects_v2").paginate(
            Bucket=self.s3_bucket
        ):
            for item in page.get("Contents", []):
                yield item["Key"]

    def _download(self, folder: Path):
        client = self._s3_client()
        for key in self._keys():
            target = folder / key
            target.parent.mkdir(parents=True, exist_ok=True)
            client.download_file(self.s3_bucket, key, str(target))

    def _empty_bucket(self):
        client = self._s3_client()
        for key in list(self._keys()):
            client.delete_object(Bucket=self.s3_bucket, Key=key)

    def _upload(self, folder: Path):
        client = self._s3_client()
        for path in folder.rglob("*"):
            if path.is_file():
                client.upload_file(
                    str(path), self.s3_bucket, path.relative_to(folder).as_posix()
                )

    def _database_drop(self):
        if not getattr(self, "_database_created", False):
            return
        for _ in range(30):
            try:
                self._pg(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
                self._database_created = False
                return
            except Exception:  # noqa: BLE001 — PostgreSQL may be restarting
                time.sleep(1)

    def sql(self, query: str):
        """Rows of a query on the cluster's database."""
        import psycopg

        with psycopg.connect(
            f"{PG_URL}/{self.database}", autocommit=True, connect_timeout=10
        ) as connection:
            return connection.execute(query).fetchall()

    def _start_s3(self) -> Process:
        port = free_port()
        log = self.folder / "moto.log"
        process = self._spawn(
            "s3",
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            log,
            env={**os.environ, "AWS_ACCESS_KEY_ID": "test"},
            port=port,
        )
        self._wait_port(process, port)
        self.s3_bucket = f"portail-cluster-{port}"
        import boto3

        boto3.client(
            "s3",
            endpoint_url=f"http://127.0.0.1:{port}",
            region_name="eu-west-3",
            aws_access_key_id="test",
            aws_secret_access_key="test",
        ).create_bucket(
            Bucket=self.s3_bucket,
            CreateBucketConfiguration={"LocationConstraint": "eu-west-3"},
        )
        return process

    # -- processes --------------------------------------------------------------

    def _environment(self, database: str, seal: Path) -> dict:
        environment = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "GUNICORN_", "PROMETHEUS_", "AWS_"))
            and k not in {"DATABASE_URL", "REDIS_URL"}
        }
        if not getattr(self, "nginx_port", None):
            self.nginx_port = free_port()
        environment.update(
            DJANGO_SETTINGS_MODULE="cms.settings.production",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            DJANGO_ALLOWED_HOSTS="localhost,127.0.0.1",
            DJANGO_TRUSTED_PROXIES="1",
            # Plain HTTP on loopback: nginx here stands for the TLS proxy, without TLS.
            DJANGO_SECURE_SSL_REDIRECT="0",
            DJANGO_BASE_URL=f"http://localhost:{self.nginx_port}",
            DATABASE_URL=f"{PG_URL}/{database}",
            # Persistent connections, as production should run them: the health
            # check drops one that PostgreSQL closed (a restart).
            DJANGO_DB_CONN_MAX_AGE="60",
            REDIS_URL=f"redis://{REDIS_HOST}:{REDIS_PORT}/{self.redis.db}",
            DJANGO_S3_BUCKET=self.s3_bucket,
            DJANGO_S3_REGION="eu-west-3",
            DJANGO_S3_ENDPOINT_URL=f"http://127.0.0.1:{self.s3.port}",
            AWS_ACCESS_KEY_ID="test",
            AWS_SECRET_ACCESS_KEY="test",
            DJANGO_EMAIL_HOST="127.0.0.1",
            DJANGO_EMAIL_PORT=str(self.smtp.port),
            DJANGO_PAYMENT_PROVIDER="",
            DJANGO_STATIC_ROOT=str(self.folder / "static"),
            DJANGO_MEDIA_ROOT=str(self.folder / "media"),
            DJANGO_PRIVATE_MEDIA_ROOT=str(self.folder / "private"),
            DJANGO_SEAL_PKCS12=str(seal / "seal.p12"),
            DJANGO_SEAL_ROOT=str(seal / "root.pem"),
            DJANGO_LOG_LEVEL="WARNING",
            GUNICORN_WORKERS=str(self.gunicorn_workers),
            PYTHONUNBUFFERED="1",
        )
        return environment

    def _spawn(self, name, command, log: Path, env=None, port=None) -> Process:
        handle = log.open("ab")
        try:
            popen = subprocess.Popen(
                command,
                cwd=ROOT,
                env=env if env is not None else self.environment,
                stdout=handle,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        finally:
            handle.close()
        process = Process(name, popen, log, port)
        with self._lock:
            self.processes.append(process)
        return process

    def _wait_port(self, process: Process, port: int, timeout: float = 60):
        deadline = time.monotonic() + timeout
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return
            except OSError:
                if not process.alive():
                    raise RuntimeError(
                        f"{process.name} exited:\n{process.tail()}"
                    ) from None
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"{process.name} did not listen:\n{process.tail()}"
                    ) from None
                time.sleep(0.2)

    def manage(self, *args, timeout: float = 300) -> str:
        return self._run([sys.executable, "manage.py", *args], timeout)

    def data(self, *args, timeout: float = 600) -> str:
        """tests/cluster/data.py's commands, in a process with the nodes' settings."""
        return self._run([sys.executable, "-m", "tests.cluster.data", *args], timeout)

    def _run(self, command, timeout) -> str:
        result = subprocess.run(
            command,
            cwd=ROOT,
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=timeout,
            start_new_session=True,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(command[1:])} failed:\n{result.stdout[-3000:]}"
                f"\n{result.stderr[-5000:]}"
            )
        return result.stdout

    def start_node(self, index: int, port: int | None = None) -> Process:
        """App node `index` (A, B...); `port`: the one it had, to come back behind
        the same nginx upstream after a kill."""
        port = port or free_port()
        name = "node-" + "ABCDEFGH"[index]
        metrics = self.folder / f"metrics-{name}"
        node = self._spawn(
            name,
            GUNICORN,
            self.folder / f"{name}.log",
            env={
                **self.environment,
                "GUNICORN_BIND": f"127.0.0.1:{port}",
                "PROMETHEUS_MULTIPROC_DIR": str(metrics),
            },
            port=port,
        )
        if index < len(self.nodes):
            self.nodes[index] = node
        else:
            self.nodes.append(node)
        return node

    def wait_ready(self, node: Process, timeout: float = 90):
        deadline = time.monotonic() + timeout
        while True:
            try:
                if http(node.port, "GET", "/readyz", timeout=5)[0] == 200:
                    return
            except OSError:
                pass
            if not node.alive():
                raise RuntimeError(f"{node.name} exited:\n{node.tail()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{node.name} not ready:\n{node.tail()}")
            time.sleep(0.3)

    def start_worker(self) -> Process:
        self._worker_serial += 1
        name = f"worker-{self._worker_serial}"
        worker = self._spawn(
            name,
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--interval",
                "0.5",
                "--worker-id",
                name,
            ],
            self.folder / f"{name}.log",
        )
        self.workers.append(worker)
        return worker

    def supervise_workers(self) -> dict:
        """Restart a worker that exits by itself, as systemd's Restart=always would
        (db_worker exits when the database is out of reach); a worker killed on
        purpose is marked extra["killed"] first. Returns the restarts' record,
        filled in while the cluster runs."""
        record = {"restarts": []}

        def watch():
            while not self.stopping:
                for worker in list(self.workers):
                    if worker.alive() or worker.extra.get("handled"):
                        continue
                    worker.extra["handled"] = True
                    if worker.extra.get("killed"):
                        continue
                    record["restarts"].append((worker.name, worker.popen.returncode))
                    time.sleep(1)
                    if not self.stopping:
                        self.start_worker()
                time.sleep(0.5)

        threading.Thread(target=watch, name="worker-supervisor", daemon=True).start()
        return record

    def start_nginx(self):
        upstream = "\n".join(
            f"        server 127.0.0.1:{node.port} max_fails=3 fail_timeout=10s;"
            for node in self.nodes
        )
        conf = NGINX_CONF.format(
            folder=self.folder,
            port=self.nginx_port,
            upstream=upstream,
            unavailable=json.dumps(UNAVAILABLE, ensure_ascii=False),
        )
        (self.folder / "nginx.conf").write_text(conf)
        check = subprocess.run(
            [
                NGINX,
                "-t",
                "-p",
                str(self.folder),
                "-c",
                str(self.folder / "nginx.conf"),
            ],
            capture_output=True,
            text=True,
            timeout=30,
        )
        if check.returncode != 0:
            raise RuntimeError(check.stderr)
        self.nginx = self._spawn(
            "nginx",
            [
                NGINX,
                "-p",
                str(self.folder),
                "-c",
                str(self.folder / "nginx.conf"),
                "-g",
                "daemon off;",
            ],
            self.folder / "nginx.stdout.log",
            port=self.nginx_port,
        )
        self._wait_port(self.nginx, self.nginx_port)

    # -- requests ---------------------------------------------------------------

    def request(self, method, path, body=None, headers=None, node=None, timeout=30):
        """Through nginx, or straight to one node (as nginx would forward it)."""
        if node is None:
            return http(self.nginx_port, method, path, body, headers, timeout)
        forwarded = {"X-Forwarded-For": "127.0.0.1", "X-Forwarded-Proto": "http"}
        return http(
            node.port, method, path, body, {**forwarded, **(headers or {})}, timeout
        )

    def emails(self) -> list:
        return list(self.smtp.inbox.messages)


def portal_path(portal: str, rest: str) -> str:
    return f"/api/v1/portals/{portal}/{rest}"


def quote(value: str) -> str:
    return urllib.parse.quote(value, safe="")


# What nginx answers when no node could (cms/db_unavailable.py's shape and words).
UNAVAILABLE = {
    "error": {
        "code": "service_unavailable",
        "message": "Le service est momentanément indisponible. "
        "Réessayez dans quelques instants.",
    }
}

# deploy/nginx/portail.conf's proxying, over plain HTTP on loopback, with its own
# paths. Idempotent requests that a node failed before answering (refused, reset,
# 502) go to the other node; a POST is only retried when it never reached one.
# Not a 503: the app answers it when the shared database is out of reach, where the
# other node can do no better, and counting it as the node's failure would soon
# mark every node down, turning the app's clean 503s into nginx's 502s for
# fail_timeout after the database is back. When no node answers at all, nginx
# answers the API's error shape itself (503 service_unavailable).
NGINX_CONF = """
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log warn;
events {{
    worker_connections 1024;
}}
http {{
    client_body_temp_path {folder}/nginx-body;
    proxy_temp_path {folder}/nginx-proxy;
    fastcgi_temp_path {folder}/nginx-fastcgi;
    uwsgi_temp_path {folder}/nginx-uwsgi;
    scgi_temp_path {folder}/nginx-scgi;
    log_format portail '$remote_addr [$time_iso8601] "$request_method $uri '
                       '$server_protocol" $status $body_bytes_sent $request_time '
                       '$upstream_addr $upstream_status $request_id';
    access_log {folder}/nginx-access.log portail;

    upstream portail_app {{
{upstream}
        keepalive 32;
    }}

    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        client_max_body_size 21m;

        location = /metrics {{
            return 404;
        }}
        location = /readyz {{
            return 404;
        }}

        error_page 502 504 = @unavailable;
        location @unavailable {{
            default_type application/json;
            add_header Retry-After 5 always;
            return 503 '{unavailable}';
        }}

        location / {{
            proxy_pass http://portail_app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Request-ID $request_id;
            proxy_next_upstream error timeout http_502;
            proxy_next_upstream_tries 2;
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
            proxy_max_temp_file_size 0;
        }}
    }}
}}
"""
