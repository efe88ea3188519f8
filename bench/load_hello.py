"""The framework's ceiling for the load benchmark: a bare Flask "hello" page, served by gunicorn
with the same settings as the app (bench/load_bench.py starts it)."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hello, LokerWarga!"
