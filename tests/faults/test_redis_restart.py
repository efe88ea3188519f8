"""RQ on a private redis-server started here on a spare port, killed and started again without
its data: the jobs queued before are pushed again from the job table and run."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time

import pytest
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from rq import SimpleWorker
from sqlalchemy import select

from app import jobs
from app.extensions import db
from app.jobs import Job, rq_backend


def _spare_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateRedis:
    def __init__(self, binary: str, port: int, directory) -> None:
        self.binary, self.port, self.directory = binary, port, directory
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        # The server stands for one on another machine: a clock moved for the suite (libfaketime,
        # docs/testing.md) is not passed on to it, and redis-server cannot start under it.
        env = {name: value for name, value in os.environ.items()
               if name != "LD_PRELOAD" and not name.startswith("FAKETIME")}
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.directory)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        client = Redis.from_url(self.url, socket_connect_timeout=0.2)
        for _ in range(100):
            try:
                client.ping()
                return
            except RedisConnectionError:
                time.sleep(0.05)
            finally:
                client.close()
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


@pytest.fixture
def private_redis(tmp_path):
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is missing (.ci/run installs it)")
        pytest.skip("redis-server is not installed")
    server = PrivateRedis(binary, _spare_port(), tmp_path)
    server.start()
    yield server
    server.kill()


@pytest.fixture
def rq_app(app, private_redis, monkeypatch):
    monkeypatch.setitem(app.config, "JOBS_BACKEND", "rq")
    monkeypatch.setitem(app.config, "REDIS_URL", private_redis.url)
    return app


def _rq_burst(app) -> None:
    connection = rq_backend.redis_connection(app)
    db.session.commit()
    try:
        SimpleWorker([rq_backend.queue(app, connection)], connection=connection).work(burst=True, logging_level="WARNING")
    finally:
        connection.close()


def test_jobs_queued_before_a_redis_restart_are_pushed_again_and_run(rq_app, private_redis):
    job_id = jobs.enqueue("tick").id
    db.session.commit()
    private_redis.kill()
    private_redis.start()  # empty: the message of the job is gone
    _rq_burst(rq_app)
    assert db.session.get(Job, job_id).status == "queued"  # nothing on Redis ran it
    rq_backend.recover(rq_app)  # what the worker does at its start and every heartbeat
    _rq_burst(rq_app)
    db.session.expire_all()
    assert db.session.get(Job, job_id).status == "done"
    rq_backend.recover(rq_app)
    _rq_burst(rq_app)  # nothing pushed twice runs twice
    assert db.session.get(Job, job_id).attempts == 1


def test_the_rq_worker_starts_again_when_its_loop_ends_on_a_redis_fault(rq_app, private_redis, monkeypatch):
    """RQ's own loop gives up on some Redis faults (one in the middle of a job, say): the worker
    waits and starts it again instead of exiting."""
    runs, waits = [], []

    def work(self, **_options):
        runs.append(self)
        if len(runs) == 1:
            raise RedisConnectionError("Connection closed by server.")
        self.stop_asked = True  # the second time: stopped by a signal, as on shutdown

    monkeypatch.setitem(rq_app.config, "JOBS_TICK_SECONDS", 0)
    monkeypatch.setattr(rq_backend._Worker, "work", work)
    monkeypatch.setattr(rq_backend.time, "sleep", waits.append)
    db.session.commit()
    rq_backend.work()
    assert len(runs) == 2 and waits == [1.0]


def test_a_job_queued_while_redis_is_down_waits_in_the_table_and_runs_when_redis_is_back(rq_app, private_redis):
    private_redis.kill()
    result = rq_app.test_cli_runner().invoke(args=["jobs", "enqueue", "tick"])
    assert result.exit_code == 0, result.output
    assert "Redis cannot be reached now" in result.output and "Traceback" not in result.output
    assert "on the rq backend" not in result.output  # it is not on Redis: the command does not claim so
    job = db.session.scalars(select(Job).order_by(Job.id.desc())).first()
    assert (job.status, job.message) == ("queued", rq_backend.WAITING_FOR_REDIS)
    private_redis.start()
    rq_backend.recover(rq_app)
    _rq_burst(rq_app)
    db.session.expire_all()
    assert db.session.get(Job, job.id).status == "done"
