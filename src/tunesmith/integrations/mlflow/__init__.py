"""MLflow: log each trial of a study as an MLflow run, nested under one run per study.

- ``MLflowCallback(tracking_uri)``: give it to ``Study.optimize(callbacks=...)``.

Needs MLflow: ``pip install "tunesmith[mlflow]"`` (the ``mlflow-skinny``
package, which logs to a tracking server or a local store).
"""

try:
    import mlflow  # noqa: F401
except ImportError:
    raise ImportError(
        'tunesmith.integrations.mlflow needs MLflow: pip install "tunesmith[mlflow]"'
    ) from None

from tunesmith.integrations.mlflow.callback import MLflowCallback

__all__ = ["MLflowCallback"]
