"""The ``data`` and ``train`` sub-commands of ``intent-router``, registered as entry-point plugins.

``service.cli`` finds these through the ``intent_router.commands`` entry points in pyproject.toml, so
``service`` never imports ``training``. Each ``register_*`` adds one command whose own sub-commands live
in a table (``_DATA_COMMANDS``, ``_TRAIN_COMMANDS``): adding one is one function and one table row.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from service.classify.embedded import DEFAULT_EMBEDDED_MODEL_DIR
from training.demo_data import DEFAULT_DEMO_DIR, DEFAULT_SEED

__all__ = ["register_data", "register_train"]

_Handler = Callable[[argparse.Namespace], int]
# (name, help, add its arguments, handler)
_Command = tuple[str, str, Callable[[argparse.ArgumentParser], None], _Handler]


# --- data make-demo ----------------------------------------------------------------------------------------


def _add_make_demo_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=DEFAULT_DEMO_DIR, help="output folder")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="same seed, same files (%(default)s)")


def _make_demo(args: argparse.Namespace) -> int:
    from training.demo_data import DemoConfig, make_demo

    make_demo(DemoConfig(seed=args.seed), args.out)
    return 0


# --- train embedded ----------------------------------------------------------------------------------------


def _add_train_embedded_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=DEFAULT_DEMO_DIR, help="folder of train/val/test.jsonl")
    parser.add_argument("--out", type=Path, default=DEFAULT_EMBEDDED_MODEL_DIR, help="artefact folder")


def _train_embedded(args: argparse.Namespace) -> int:
    # scikit-learn is a training extra: import it only when this command runs.
    from training.embedded import TrainConfig, train_embedded

    command = f"intent-router train embedded --data {args.data} --out {args.out}"
    train_embedded(TrainConfig(), data_dir=args.data, out_dir=args.out, command=command)
    return 0


_DATA_COMMANDS: tuple[_Command, ...] = (
    ("make-demo", "generate the synthetic demo dataset (seeded templates)", _add_make_demo_args, _make_demo),
)
_TRAIN_COMMANDS: tuple[_Command, ...] = (
    (
        "embedded",
        "train the embedded n-gram classifier; prints accuracy, F1, latency",
        _add_train_embedded_args,
        _train_embedded,
    ),
)


def _register_group(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    help_text: str,
    commands: tuple[_Command, ...],
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    parser = subparsers.add_parser(name, help=help_text, description=help_text)
    group = parser.add_subparsers(dest=f"{name}_command", metavar="COMMAND", required=True)
    for command, command_help, add_args, handler in commands:
        sub = group.add_parser(command, help=command_help, description=command_help)
        add_args(sub)
        sub.set_defaults(handler=handler)
    return group


def register_data(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """Add ``data`` with its sub-commands; return its sub-parser group so others can add more."""
    return _register_group(subparsers, "data", "dataset tools", _DATA_COMMANDS)


def register_train(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """Add ``train`` with its sub-commands; return its sub-parser group so others can add more."""
    return _register_group(subparsers, "train", "train classifiers", _TRAIN_COMMANDS)
