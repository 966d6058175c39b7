"""Photo check: make a photo safe to share (rules A9 and A5), on the laptop, offline.

No Qt here; the CLI (`cli/photo_commands.py`) and the window
(`ui/photo_check_dialog.py`) call the same functions:

- `loading.py`: open a JPEG, PNG, HEIC or MPO file with its EXIF orientation applied.
- `metadata.py`: what a file carries besides its pixels (GPS, camera, thumbnail, XMP…).
- `model.py`: the CenterFace model, converted once to a dynamic input shape and kept
  in the user's cache folder; loaded on first use, never at start-up.
- `detection.py`: faces, from a downscaled pass plus full-resolution tiles.
- `blur.py`: a Gaussian blur strong enough that the detector finds nothing after it.
- `safe_copy.py`: a new file from the pixels alone (only the colour profile kept).
- `summary.py`: what was found and removed, in plain words.

Nothing of a photo is kept: no copy, cache or thumbnail; the original is only read.
"""
