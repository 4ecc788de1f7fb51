"""A pipeline's card: its steps' hyperparameters as step__name, their parameters summed."""

from __future__ import annotations

from sklearn.datasets import load_iris
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

import tunesmith

X, Y = load_iris(return_X_y=True)  # 4 features, 3 classes
D, K = 4, 3


def scale_reduce_classify(n_components: int) -> Pipeline:
    return Pipeline(
        [
            ("scale", StandardScaler()),
            ("pca", PCA(n_components=n_components)),
            ("clf", LogisticRegression(C=0.5, max_iter=1000)),
        ]
    ).fit(X, Y)


def test_a_pipeline_learns_what_its_steps_learn() -> None:
    card = tunesmith.inspect(scale_reduce_classify(n_components=2))

    scaler, pca, classifier = 2 * D, 2 * D + D, K * 2 + K  # the classifier sees 2 features
    assert card.n_parameters == scaler + pca + classifier
    assert [p.name for p in card.parameters] == [
        "scale.mean_",
        "scale.scale_",
        "pca.components_",
        "pca.mean_",
        "clf.coef_",
        "clf.intercept_",
    ]


def test_fewer_components_shrink_every_step_after_them() -> None:
    small = tunesmith.inspect(scale_reduce_classify(n_components=1))
    large = tunesmith.inspect(scale_reduce_classify(n_components=3))

    # Each component adds D to PCA and K weights to the classifier.
    assert large.n_parameters - small.n_parameters == 2 * (D + K)


def test_pipeline_hyperparameters_are_named_as_set_params_takes_them() -> None:
    card = tunesmith.inspect(scale_reduce_classify(n_components=2))

    assert card.hyperparameters["pca__n_components"] == 2
    assert card.hyperparameters["clf__C"] == 0.5
    assert "scale__with_mean" in card.hyperparameters
    # The hyperparameters of the pipeline object itself (steps, memory) are not the model's.
    assert "steps" not in card.hyperparameters
    assert card.model == "Pipeline"


def test_passthrough_steps_learn_nothing() -> None:
    with_passthrough = Pipeline([("scale", StandardScaler()), ("nothing", "passthrough")])

    card = tunesmith.inspect(with_passthrough.fit(X))

    assert card.n_parameters == 2 * D
    assert all(not name.startswith("nothing") for name in card.hyperparameters)


def test_nested_pipelines_prefix_names_at_every_level() -> None:
    inner = make_pipeline(StandardScaler(), PCA(n_components=2))
    outer = Pipeline([("prep", inner), ("clf", LogisticRegression(max_iter=1000))]).fit(X, Y)

    card = tunesmith.inspect(outer)

    assert "prep.pca.components_" in [p.name for p in card.parameters]
    assert card.hyperparameters["prep__pca__n_components"] == 2
    assert card.n_parameters == 2 * D + (2 * D + D) + (K * 2 + K)
