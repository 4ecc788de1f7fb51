"""The ``tunesmith`` command: ``run CONFIG.yaml``, ``studies``, ``show``, ``best``, ``export``.

Needs the ``cli`` extra (click, rich, pydantic, PyYAML, scikit-learn):
``pip install "tunesmith[cli]"``. ``import tunesmith`` never imports them.
"""

try:
    import click  # noqa: F401
    import pydantic  # noqa: F401
    import rich  # noqa: F401
    import yaml  # noqa: F401
except ImportError as error:
    raise ImportError(
        f'The tunesmith command needs the cli extra: pip install "tunesmith[cli]" ({error})'
    ) from None

from tunesmith.cli.app import main

__all__ = ["main"]
