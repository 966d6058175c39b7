"""`photo check` and `photo safe-copy`: the photo check without a window.

The same domain functions as the window (`klasse_desktop.photos`); Pillow, numpy
and the model are imported only when a command runs, so `--help` stays quick.
Faces are numbered as `photo check` lists them; `safe-copy --blur 1,3` blurs those.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from klasse_desktop import i18n
from klasse_desktop.cli.errors import CliError
from klasse_desktop.i18n import _

if TYPE_CHECKING:
    from klasse_desktop.photos.boxes import Face
    from klasse_desktop.photos.loading import Photo

Handler = Any


def _json(args: argparse.Namespace) -> bool:
    return getattr(args, "format", "text") == "json"


def _load(value: str) -> tuple[Path, Photo]:
    from klasse_desktop.photos.errors import PhotoError
    from klasse_desktop.photos.loading import load_photo

    path = Path(value).expanduser()
    try:
        return path, load_photo(path)
    except PhotoError as exc:
        raise CliError(str(exc)) from None


def _detect(photo: Photo) -> list[Face]:
    from klasse_desktop.photos.detection import detect_faces
    from klasse_desktop.photos.errors import PhotoError

    try:
        return detect_faces(photo.image)
    except PhotoError as exc:
        raise CliError(str(exc)) from None


def _face_line(number: int, face: Face) -> str:
    return _("{number}. x={x} y={y} width={width} height={height}, score {score:.2f}").format(
        number=number, x=face.x, y=face.y, width=face.width, height=face.height,
        score=face.score,
    )  # fmt: skip


def _face_dicts(faces: list[Face]) -> list[dict[str, object]]:
    return [{"number": n, **face.as_dict()} for n, face in enumerate(faces, 1)]


def cmd_check(args: argparse.Namespace) -> int:
    from klasse_desktop.photos import summary

    path, photo = _load(args.photo)
    faces = _detect(photo)
    found = photo.metadata
    if _json(args):
        data = {
            "file": str(path), "format": photo.source_format,
            "width": photo.size[0], "height": photo.size[1],
            "faces": _face_dicts(faces), "summary": summary.faces_found(len(faces)),
            "metadata": {"found": list(found.removed), "kept": list(found.kept),
                         "labels": found.found_lines()},
        }  # fmt: skip
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(
        _("{name}: {width}×{height} pixels ({format})").format(
            name=path.name, width=photo.size[0], height=photo.size[1], format=photo.source_format
        )
    )
    print(summary.faces_found(len(faces)))
    for number, face in enumerate(faces, 1):
        print("  " + _face_line(number, face))
    print(summary.small_faces_hint())
    if found.removed:
        print(_("Metadata in the file (a safe copy removes all of it):"))
        for line in found.found_lines():
            print(f"  • {line}")
    else:
        print(_("No metadata in the file besides the picture."))
    for line in found.kept_lines():
        print(f"  • {line}")
    return 0


def parse_blur(text: str | None) -> str | list[int]:
    """`all`, `none` or face numbers `1,3,5` (checked against the faces later)."""
    value = (text or "all").strip().lower()
    if value in ("all", "none"):
        return value
    try:
        numbers = [int(part) for part in value.split(",")]
    except ValueError:
        numbers = []
    if not numbers or any(n < 1 for n in numbers):
        raise CliError(
            _("Write --blur as all, none or face numbers such as 1,3,5 (got “{text}”).").format(
                text=text
            )
        )
    return sorted(set(numbers))


def _chosen(faces: list[Face], blur: str | list[int]) -> list[Face]:
    if isinstance(blur, str):
        return faces if blur == "all" else []
    missing = [n for n in blur if n > len(faces)]
    if missing:
        raise CliError(
            i18n.ngettext(
                "There is no face {numbers}: the photo has {count} face (see `photo check`).",
                "There is no face {numbers}: the photo has {count} faces (see `photo check`).",
                len(faces),
            ).format(numbers=", ".join(map(str, missing)), count=len(faces))
        )
    return [faces[n - 1] for n in blur]


def cmd_safe_copy(args: argparse.Namespace) -> int:
    from klasse_desktop.photos import summary
    from klasse_desktop.photos.boxes import parse_box
    from klasse_desktop.photos.errors import PhotoError
    from klasse_desktop.photos.safe_copy import output_format, write_safe_copy

    if args.metadata_only and (args.blur is not None or args.add_box):
        raise CliError(_("--metadata-only blurs nothing: leave out --blur and --add-box."))
    blur = parse_blur(args.blur)
    target = Path(args.out).expanduser()
    try:
        output_format(target)
    except PhotoError as exc:
        raise CliError(str(exc)) from None
    path, photo = _load(args.photo)
    try:
        extra = [parse_box(text, photo.size) for text in args.add_box or []]
        faces = [] if args.metadata_only or blur == "none" else _detect(photo)
        chosen = [*_chosen(faces, blur), *extra]
        written = write_safe_copy(path, target, chosen, photo=photo)
    except PhotoError as exc:
        raise CliError(str(exc)) from None
    found = written.metadata
    if _json(args):
        data = {
            "written": str(written.path), "blurred": _face_dicts(chosen),
            "faces_found": len(faces), "removed": list(found.removed),
            "removed_lines": found.removed_lines(), "kept": list(found.kept),
        }  # fmt: skip
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(_("Safe copy written: {path}").format(path=written.path))
    if args.metadata_only:
        print(_("Only the metadata was removed; no faces were blurred."))
    else:
        print(summary.blurred(len(chosen)))
    for line in found.removed_lines() + found.kept_lines():
        print(f"  • {line}")
    if not found.removed:
        print(_("The file held no metadata besides the picture."))
    print(summary.check_yourself())
    return 0


def add_photo_commands(photo: argparse.ArgumentParser) -> None:
    """The sub-commands of `photo`; `photo` itself is made by the caller."""
    common = type(photo)(add_help=False)
    common.add_argument(
        "--lang", choices=i18n.SUPPORTED_LANGUAGES, default=argparse.SUPPRESS,
        help=_("language of the output (default: nl)"),
    )  # fmt: skip
    common.add_argument(
        "--format", choices=("text", "json"), default=argparse.SUPPRESS, help=_("output format")
    )
    sub = photo.add_subparsers(dest="photo_command", metavar=_("COMMAND"), parser_class=type(photo))

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        command.set_defaults(handler=handler)
        command.add_argument(
            "photo", metavar=_("PHOTO"), help=_("the photo: a JPEG, PNG, HEIC or MPO file")
        )
        return command

    add("check", cmd_check, _("list the faces found on a photo and the metadata in its file"))
    safe = add(
        "safe-copy",
        cmd_safe_copy,
        _("write a copy of a photo with faces blurred and without any metadata"),
    )
    safe.add_argument(
        "--out", required=True, metavar=_("FILE"),
        help=_("where to write the copy (.jpg or .png); never the photo itself"),
    )  # fmt: skip
    safe.add_argument(
        "--blur", metavar="all|none|1,3,5",
        help=_("which faces to blur: all (default), none, or their numbers from `photo check`"),
    )  # fmt: skip
    safe.add_argument(
        "--add-box", action="append", metavar="x,y,w,h",
        help=_("also blur this box, in pixels of the upright photo (repeatable)"),
    )  # fmt: skip
    safe.add_argument(
        "--metadata-only", action="store_true",
        help=_("only remove the metadata: no faces are looked for or blurred"),
    )  # fmt: skip
