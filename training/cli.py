"""The ``data``, ``train`` and ``eval`` sub-commands of ``intent-router``, registered as entry-point plugins.

``service.cli`` finds these through the ``intent_router.commands`` entry points in pyproject.toml, so
``service`` never imports ``training``. Each ``register_*`` adds one command whose own sub-commands live
in a table (``_DATA_COMMANDS``, ``_TRAIN_COMMANDS``; their handlers in :mod:`training.data_cli` and
:mod:`training.train_cli`): adding one is one function and one table row. ``train tiny-model`` comes from
:func:`training.tiny_model.add_cli`; ``eval`` runs itself and has ``eval compare`` as its sub-command.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from service.classify.embedded import DEFAULT_EMBEDDED_MODEL_DIR
from training.data_cli import DATA_COMMANDS
from training.demo_data import DEFAULT_DEMO_DIR, DEFAULT_SEED
from training.train_cli import EVAL_COMMANDS, TRAIN_COMMANDS, add_eval_args, run_eval

__all__ = ["register_data", "register_eval", "register_train"]

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
    *DATA_COMMANDS,
)
_TRAIN_COMMANDS: tuple[_Command, ...] = (
    (
        "embedded",
        "train the embedded n-gram classifier; prints accuracy, F1, latency",
        _add_train_embedded_args,
        _train_embedded,
    ),
    *TRAIN_COMMANDS,
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
    from training.tiny_model import add_cli as add_tiny_model

    group = _register_group(subparsers, "train", "train classifiers", _TRAIN_COMMANDS)
    add_tiny_model(group)
    return group


def register_eval(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """Add ``eval`` (score one endpoint on a labelled set) with its ``compare`` sub-command."""
    help_text = "score a model, vLLM or the gateway on a labelled set; `eval compare DIR ...` tabulates runs"
    parser = subparsers.add_parser("eval", help=help_text, description=help_text)
    add_eval_args(parser)
    parser.set_defaults(handler=run_eval)
    group = parser.add_subparsers(dest="eval_command", metavar="COMMAND", required=False)
    for command, command_help, add_args, handler in EVAL_COMMANDS:
        sub = group.add_parser(command, help=command_help, description=command_help)
        add_args(sub)
        sub.set_defaults(handler=handler)
    return group
