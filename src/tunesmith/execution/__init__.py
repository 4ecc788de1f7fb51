"""Where trials run: the Executor protocol, threads, worker processes and a Dask cluster.

This layer sits below the study: an executor knows a study only by the
small public surface in ``RunnableStudy``, so a new executor (a cluster's)
plugs in by implementing ``Executor`` and joining ``EXECUTOR_CLASSES``.
"""

from tunesmith.execution.dask_cluster import DaskExecutor
from tunesmith.execution.heartbeat import HEARTBEAT_GRACE_SECONDS, Heartbeat
from tunesmith.execution.optimization import MAX_N_JOBS, resolve_n_jobs, run_optimization
from tunesmith.execution.processes import ProcessExecutor
from tunesmith.execution.progress import ProgressBar
from tunesmith.execution.protocol import Executor, RunnableStudy, RunningTrial, WorkOrder
from tunesmith.execution.registry import EXECUTOR_CLASSES, make_executor
from tunesmith.execution.threads import ThreadExecutor
from tunesmith.execution.trial_runner import run_one_trial, run_trials

__all__ = [
    "EXECUTOR_CLASSES",
    "HEARTBEAT_GRACE_SECONDS",
    "MAX_N_JOBS",
    "DaskExecutor",
    "Executor",
    "Heartbeat",
    "ProcessExecutor",
    "ProgressBar",
    "RunnableStudy",
    "RunningTrial",
    "ThreadExecutor",
    "WorkOrder",
    "make_executor",
    "resolve_n_jobs",
    "run_one_trial",
    "run_optimization",
    "run_trials",
]
