"""The bare Flask app every serving figure is divided by: `gunicorn bench.hello:app`."""

from flask import Flask

app = Flask(__name__)


@app.get("/hello")
def hello() -> str:
    """The smallest useful Flask response."""
    return "Hello, World!"
