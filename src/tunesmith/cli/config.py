"""The YAML configuration of ``tunesmith run``: its schema, and loading it with clear errors.

Every section is a pydantic model that refuses unknown keys. ``load_config``
turns YAML and validation errors into one ``ConfigError`` whose lines read
"CONFIG: field 'space.C.low': must be a number; got 'abc'", before anything
touches a storage.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from tunesmith.analysis import DEFAULT_MAX_GAP
from tunesmith.cli.config_errors import describe_validation_error
from tunesmith.cli.default_space import default_space_config
from tunesmith.cli.imports import class_path_problem
from tunesmith.cli.samplers import sampler_option_names
from tunesmith.exceptions import ConfigError, InvalidArgumentError, InvalidSpaceError
from tunesmith.execution import EXECUTOR_CLASSES, MAX_N_JOBS
from tunesmith.pruners import NopPruner, Pruner, pruner_from_config
from tunesmith.samplers import SAMPLER_NAMES
from tunesmith.space import parse_space
from tunesmith.study.selection import parse_selection_rule

__all__ = [
    "DEFAULT_STORAGE",
    "DatasetConfig",
    "Dimension",
    "EstimatorConfig",
    "PipelineStep",
    "RunConfig",
    "SamplerConfig",
    "StepsConfig",
    "load_config",
]

DEFAULT_STORAGE = "sqlite:///tunesmith.db"

Direction = Literal["minimize", "maximize"]

# What an estimator config may tune, in this order: the CV score, then the model's size.
OBJECTIVE_NAMES = ("score", "n_parameters")

_OBJECTIVE_REFERENCE = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_]\w*$")


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Dimension(_Section):
    """One hyperparameter's range, as ``tunesmith.space.parse_space`` reads it.

    ``{type: float, low: 0.01, high: 100, log: true}``, ``{type: int, low: 1,
    high: 9, step: 2}``, ``{type: categorical, choices: [...]}``, or a plain
    list of choices. The range rules (low <= high, log needs low > 0, ...) are
    checked by the distributions themselves, on the whole space.
    """

    type: Literal["float", "int", "categorical"]
    low: float | None = None
    high: float | None = None
    log: bool | None = None
    step: float | None = None
    choices: list[Any] | None = None

    @model_validator(mode="before")
    @classmethod
    def _plain_list_is_categorical(cls, data: Any) -> Any:
        if isinstance(data, list):
            return {"type": "categorical", "choices": data}
        if not isinstance(data, dict):
            raise ValueError(
                "must be a list of choices or a mapping with a 'type' (float, int or categorical)"
            )
        return data

    def plain(self) -> dict[str, Any]:
        """The range as written (after number parsing), for ``parse_space``."""
        return self.model_dump(exclude_unset=True)


class SamplerConfig(BaseModel):
    """``sampler: qmc`` or ``sampler: {name: qmc, scramble: false}``: a name and its options."""

    model_config = ConfigDict(extra="allow", frozen=True)

    name: str

    @model_validator(mode="before")
    @classmethod
    def _name_alone(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"name": data}
        if not isinstance(data, dict):
            raise ValueError(
                f"must be a sampler name ({', '.join(SAMPLER_NAMES)}) or a mapping with a 'name'"
            )
        return data

    @field_validator("name")
    @classmethod
    def _known_name(cls, name: str) -> str:
        if name.lower() not in SAMPLER_NAMES:
            raise ValueError(f"must be one of {', '.join(SAMPLER_NAMES)}")
        return name.lower()

    @model_validator(mode="after")
    def _known_options(self) -> SamplerConfig:
        allowed = sampler_option_names(self.name)
        unknown = sorted(set(self.options) - set(allowed))
        if unknown:
            raise ValueError(
                f"the {self.name} sampler does not take the option(s) {', '.join(unknown)}; "
                f"it takes: {', '.join(allowed) or 'no options'} (the seed is the top-level "
                "'seed', the grid is the 'space')"
            )
        return self

    @property
    def options(self) -> dict[str, Any]:
        """The keyword arguments given beside the name."""
        return dict(self.model_extra or {})


class StepsConfig(_Section):
    """How an estimator's training is reported in steps, for pruning.

    ``steps: folds`` (the default: each cross-validation fold is a step),
    ``steps: {by: partial_fit, n_steps: 30}`` (epochs of ``partial_fit``, all
    folds in lockstep) or ``steps: {by: warm_start, n_steps: 10}`` (an
    ensemble growing ``n_estimators``, or the hyperparameter named by ``grow``,
    to its value in 10 steps).
    """

    by: Literal["folds", "partial_fit", "warm_start"]
    n_steps: int | None = Field(default=None, ge=1)
    grow: str | None = Field(default=None, min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _kind_alone(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"by": data}
        return data

    @model_validator(mode="after")
    def _consistent(self) -> StepsConfig:
        if self.by == "folds" and self.n_steps is not None:
            raise ValueError("'n_steps' does not apply to 'by: folds' (the folds are the steps)")
        if self.by != "folds" and self.n_steps is None:
            raise ValueError(f"'by: {self.by}' needs 'n_steps' (an int >= 1)")
        if self.by != "warm_start" and self.grow is not None:
            raise ValueError("'grow' applies to 'by: warm_start' only")
        return self


def _plausible_class_path(path: str | None) -> str | None:
    """Refuse a class path that cannot name a class, before anything imports it."""
    problem = None if path is None else class_path_problem(path)
    if problem is not None:
        raise ValueError(problem)
    return path


class PipelineStep(_Section):
    """One step of a pipeline: ``{name: pca, class: sklearn.decomposition.PCA, params: {...}}``."""

    name: str
    class_: str = Field(alias="class")
    params: dict[str, Any] = Field(default_factory=dict)

    @field_validator("class_")
    @classmethod
    def _class_path(cls, path: str | None) -> str | None:
        return _plausible_class_path(path)

    @field_validator("name")
    @classmethod
    def _usable_step_name(cls, name: str) -> str:
        # scikit-learn addresses a step's hyperparameters as "name__hyperparameter".
        if not name or "__" in name:
            raise ValueError("must be a non-empty name without '__'")
        return name


class EstimatorConfig(_Section):
    """A scikit-learn estimator: ``{class: ..., params: {...}}`` or ``{pipeline: [steps]}``."""

    class_: str | None = Field(default=None, alias="class")
    params: dict[str, Any] | None = None
    pipeline: list[PipelineStep] | None = Field(default=None, min_length=1)

    @field_validator("class_")
    @classmethod
    def _class_path(cls, path: str | None) -> str | None:
        return _plausible_class_path(path)

    @model_validator(mode="after")
    def _class_or_pipeline(self) -> EstimatorConfig:
        if (self.class_ is None) == (self.pipeline is None):
            raise ValueError(
                "give either 'class' (with optional 'params') or 'pipeline' (a list of steps)"
            )
        if self.pipeline is not None and self.params is not None:
            raise ValueError("'params' goes inside each pipeline step, not beside 'pipeline'")
        if self.pipeline is not None:
            names = [step.name for step in self.pipeline]
            repeated = sorted({name for name in names if names.count(name) > 1})
            if repeated:
                raise ValueError(f"pipeline step names must differ; repeated: {repeated}")
        return self


class DatasetConfig(_Section):
    """``{name: breast_cancer}`` (bundled with scikit-learn) or ``{csv: file, target: column}``."""

    name: str | None = None
    csv: str | None = None
    target: str | None = None

    @field_validator("name")
    @classmethod
    def _bundled(cls, name: str | None) -> str | None:
        from tunesmith.integrations.sklearn import BUNDLED_DATASETS

        if name is not None and name not in BUNDLED_DATASETS:
            raise ValueError(
                f"must be one of {', '.join(BUNDLED_DATASETS)} "
                "(or give 'csv' and 'target' for your own data)"
            )
        return name

    @model_validator(mode="after")
    def _name_or_csv(self) -> DatasetConfig:
        if (self.name is None) == (self.csv is None):
            raise ValueError("give either 'name' (a bundled dataset) or 'csv' with 'target'")
        if (self.csv is None) != (self.target is None):
            raise ValueError("'csv' and 'target' go together: the file and its target column")
        return self


class RunConfig(_Section):
    """The whole configuration of a ``tunesmith run``.

    The keys are named as in the Python API. Exactly one of ``objective``
    (``module:function``) and ``estimator`` says what is tuned; an estimator
    also needs a ``dataset`` and may name ``scoring`` and ``cv``; without a
    ``space`` it gets the default space of its class or pipeline steps
    (``tunesmith.sklearn.default_space``). ``select`` names the selection
    rule (``smallest_within:1se``, ...; see ``tunesmith.study.selection``)
    whose trial the run shows at its end. ``retries`` runs the hyperparameters
    of a failed trial again, as a new trial; ``trial_timeout`` (seconds) and
    ``trial_memory`` (MB, worker processes) stop a trial that runs too long or
    grows too big (see ``Study.optimize``).
    ``objectives: [score, n_parameters]`` tunes an estimator's score and its
    parameter count together. ``test_size`` holds that share of an
    estimator's dataset out of tuning, to score the chosen configuration on at
    the end; ``overfit_gap`` is the floor of the overfitting check: a trial
    whose train-validation gap is at most this is never flagged as possibly
    overfitting (``tunesmith.analysis.overfitting``).
    """

    study: str | None = Field(default=None, min_length=1)
    storage: str | None = Field(default=None, min_length=1)
    direction: Direction | None = None
    directions: list[Direction] | None = Field(default=None, min_length=1)
    objectives: list[str] | None = Field(default=None, min_length=1)
    sampler: SamplerConfig = SamplerConfig(name="auto")
    seed: int | None = Field(default=None, ge=0)
    n_trials: int | None = Field(default=None, ge=1, strict=True)
    timeout: float | None = Field(default=None, gt=0, allow_inf_nan=False, strict=True)
    n_jobs: int = Field(default=1, strict=True)
    executor: str = "thread"
    retries: int = Field(default=0, ge=0, strict=True)
    trial_timeout: float | None = Field(default=None, gt=0, allow_inf_nan=False, strict=True)
    trial_memory: int | None = Field(default=None, ge=1, strict=True)
    pruner: str | dict[str, Any] | None = None
    objective: str | None = None
    estimator: EstimatorConfig | None = None
    dataset: DatasetConfig | None = None
    scoring: str | None = None
    cv: int = Field(default=5, ge=2)
    steps: StepsConfig = StepsConfig(by="folds")
    space: dict[str, Dimension] = Field(default_factory=dict)
    select: str | None = None
    test_size: float | None = Field(default=None, strict=True)
    overfit_gap: float = Field(default=DEFAULT_MAX_GAP, ge=0, allow_inf_nan=False, strict=True)

    @model_validator(mode="before")
    @classmethod
    def _default_space(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("estimator") is not None and not data.get("space"):
            default = default_space_config(data["estimator"])
            if default:
                return {**data, "space": default}
        return data

    @field_validator("n_jobs")
    @classmethod
    def _workers(cls, n_jobs: int) -> int:
        if (n_jobs < 1 and n_jobs != -1) or n_jobs > MAX_N_JOBS:
            raise ValueError(
                f"must be a number of workers from 1 to {MAX_N_JOBS}, or -1 for one per CPU core"
            )
        return n_jobs

    @field_validator("executor")
    @classmethod
    def _known_executor(cls, executor: str) -> str:
        if executor not in EXECUTOR_CLASSES:
            raise ValueError(f"must be one of {', '.join(EXECUTOR_CLASSES)}")
        return executor

    @model_validator(mode="after")
    def _memory_needs_processes(self) -> RunConfig:
        if self.trial_memory is not None and self.executor != "process":
            raise ValueError(
                "'trial_memory' needs 'executor: process' (a thread cannot be given memory "
                "of its own)"
            )
        return self

    @field_validator("pruner", mode="before")
    @classmethod
    def _pruner_name_or_mapping(cls, pruner: Any) -> Any:
        # Else each member of the union reports its own error, on lines of their own.
        if pruner is not None and not isinstance(pruner, str | dict):
            raise ValueError("must be a pruner's name (median) or a mapping {name: ..., options}")
        return pruner

    @field_validator("pruner")
    @classmethod
    def _known_pruner(cls, pruner: str | dict[str, Any] | None) -> str | dict[str, Any] | None:
        try:
            _build_pruner(pruner)
        except ConfigError as error:
            raise ValueError(str(error)) from None
        return pruner

    def build_pruner(self) -> Pruner:
        """The pruner ``pruner: median`` or ``pruner: {name: hyperband, ...}`` names."""
        return _build_pruner(self.pruner)

    @field_validator("objective")
    @classmethod
    def _importable_reference(cls, objective: str | None) -> str | None:
        if objective is not None and not _OBJECTIVE_REFERENCE.match(objective):
            raise ValueError("must name a function as 'module:function'")
        return objective

    @field_validator("scoring")
    @classmethod
    def _known_scorer(cls, scoring: str | None) -> str | None:
        from sklearn.metrics import get_scorer_names

        if scoring is not None and scoring not in get_scorer_names():
            raise ValueError(
                "must be a scikit-learn scorer name, such as accuracy, balanced_accuracy, f1, "
                "precision, recall, roc_auc, neg_log_loss, r2, neg_mean_squared_error "
                "(all: sklearn.metrics.get_scorer_names())"
            )
        return scoring

    @field_validator("select")
    @classmethod
    def _known_rule(cls, select: str | None) -> str | None:
        if select is not None:
            try:
                parse_selection_rule(select)
            except InvalidArgumentError as error:
                raise ValueError(str(error)) from None
        return select

    @field_validator("test_size")
    @classmethod
    def _fraction(cls, test_size: float | None) -> float | None:
        if test_size is not None and not 0 < test_size < 1:
            raise ValueError(
                "must be the share of the samples held out for a final test, strictly "
                "between 0 and 1, such as 0.2"
            )
        return test_size

    @field_validator("objectives")
    @classmethod
    def _known_objectives(cls, objectives: list[str] | None) -> list[str] | None:
        if objectives is None:
            return None
        unknown = [name for name in objectives if name not in OBJECTIVE_NAMES]
        if unknown:
            raise ValueError(
                f"each objective must be one of {', '.join(OBJECTIVE_NAMES)}; "
                f"got {objectives} (unknown: {unknown})"
            )
        if len(set(objectives)) != len(objectives):
            raise ValueError(f"must not name an objective twice; got {objectives}")
        if objectives[0] != "score":
            raise ValueError(
                f"must start with 'score' (the cross-validated score); got {objectives}"
            )
        return objectives

    @field_validator("space")
    @classmethod
    def _valid_ranges(cls, space: dict[str, Dimension]) -> dict[str, Dimension]:
        try:
            parse_space({name: dimension.plain() for name, dimension in space.items()})
        except InvalidSpaceError as error:
            raise ValueError(str(error)) from None
        return space

    @model_validator(mode="after")
    def _consistent(self) -> RunConfig:
        if (self.objective is None) == (self.estimator is None):
            raise ValueError(
                "give either 'objective' (a Python function as 'module:function') or "
                "'estimator' (a scikit-learn estimator), not both and not neither"
            )
        if self.direction is not None and self.directions is not None:
            raise ValueError("give either 'direction' or 'directions', not both")
        if self.estimator is not None:
            self._check_estimator_keys()
        elif self.objectives is not None:
            raise ValueError(
                "field 'objectives': applies to an 'estimator' only (a function returns its own "
                f"values; give it 'directions'); got objectives={self.objectives}"
            )
        else:
            given = sorted(
                {"dataset", "scoring", "cv", "steps", "test_size"} & self.model_fields_set
            )
            if given:
                raise ValueError(
                    f"{', '.join(repr(k) for k in given)} apply to an 'estimator' only; "
                    "an 'objective' function loads its own data"
                )
        return self

    def _check_estimator_keys(self) -> None:
        if self.dataset is None:
            raise ValueError("an 'estimator' needs a 'dataset' ({name: ...} or {csv: ..., ...})")
        if not self.space:
            raise ValueError(
                "an 'estimator' needs a 'space' naming hyperparameters to tune: its class (and "
                "every pipeline step) has no default space"
            )
        if self.objectives is not None and (
            self.direction is not None or self.directions is not None
        ):
            raise ValueError(
                "field 'objectives': give either 'objectives' or 'direction'/'directions', not "
                f"both (objectives set their own directions); got objectives={self.objectives}"
            )
        if self.directions is not None and len(self.directions) != 1:
            raise ValueError(
                f"an 'estimator' has one score, so one direction; got directions={self.directions}"
            )

    @property
    def tunes_size(self) -> bool:
        """Whether the model's parameter count is an objective beside the score."""
        return "n_parameters" in (self.objectives or [])

    @property
    def study_directions(self) -> list[str]:
        """The directions, defaulting to maximize for a score and minimize for a function.

        ``objectives: [score, n_parameters]`` maximises the score and
        minimises the parameter count.
        """
        if self.tunes_size:
            return ["maximize", "minimize"]
        if self.directions is not None:
            return list(self.directions)
        if self.direction is not None:
            return [self.direction]
        # scikit-learn scorers are greater-is-better (losses come negated: neg_log_loss).
        return ["maximize" if self.estimator is not None else "minimize"]

    @property
    def split_seed(self) -> int:
        """The seed of the ``test_size`` split: ``seed``, else 0, so that every run splits alike."""
        return self.seed if self.seed is not None else 0

    def plain_space(self) -> dict[str, dict[str, Any]]:
        """The search space as plain data, in name order."""
        return {name: self.space[name].plain() for name in sorted(self.space)}


def _build_pruner(pruner: str | dict[str, Any] | None) -> Pruner:
    if pruner is None:
        return NopPruner()
    return pruner_from_config({"name": pruner} if isinstance(pruner, str) else pruner)


class _ConfigLoader(yaml.SafeLoader):
    """YAML 1.1 reads ``1e-3`` as a string; configs mean the number, as YAML 1.2 does.

    A key given twice in one mapping is an error (plain YAML loaders keep the last one).
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"the key {key!r} is given twice; keep one",
                    key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_ConfigLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+$"),
    list("-+0123456789"),
)


def load_config(path: str | Path) -> RunConfig:
    """Read and validate a configuration file.

    Raises:
        ConfigError: the file cannot be read, is not YAML, or breaks the
            schema; one line per problem, each naming the field, the rule and
            the value found.
    """
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"{source}: cannot read the configuration: {error.strerror}.") from None
    except UnicodeDecodeError as error:
        raise ConfigError(
            f"{source}: must be UTF-8 text; byte {error.object[error.start]:#04x} at offset "
            f"{error.start} is not. Save the file as UTF-8."
        ) from None
    try:
        data = yaml.load(text, Loader=_ConfigLoader)
    except yaml.YAMLError as error:
        raise ConfigError(f"{source}: not valid YAML: {_yaml_problem(error)}.") from None
    if not isinstance(data, dict):
        raise ConfigError(
            f"{source}: must be a mapping of keys (study, estimator, dataset, space, ...); "
            f"got {type(data).__name__} {data!r}."
        )
    try:
        return RunConfig.model_validate(data)
    except ValidationError as error:
        raise ConfigError(describe_validation_error(error, RunConfig, source)) from None


def _yaml_problem(error: yaml.YAMLError) -> str:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    if mark is None:
        return str(problem)
    return f"{problem} (line {mark.line + 1}, column {mark.column + 1})"
