#!/usr/bin/env python3
"""Makes the spoken narration of the lesson pack from the step texts.

Every step's `narration.<lang>` path that lies under `narration/` is (re)generated with
espeak-ng and compressed with opusenc; a path anywhere else is a human recording and is left
alone. The same texts and tools give the same bytes, so the files can be checked in and
regenerated at will:

    scripts/narrate.py               # every lesson
    scripts/narrate.py scam-calls    # some lessons
"""

import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

PACK = Path(__file__).resolve().parent.parent / "assets" / "lessons"
GENERATED = "narration/"
# espeak-ng voice and words per minute; a little slower than the default for new learners.
VOICES = {"vi": ("vi", 135), "en": ("en-gb", 140)}
# 16 kbit/s mono Opus is clear for speech and keeps a step under about 40 KB.
OPUS = ["--quiet", "--bitrate", "16", "--comp", "10", "--framesize", "60", "--discard-comments"]


def speak(text: str, language: str, target: Path, serial: int) -> None:
    voice, speed = VOICES[language]
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "step.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(wav), text], check=True)
        # A fixed stream serial number: opusenc otherwise picks a random one.
        subprocess.run(["opusenc", *OPUS, "--serial", str(serial), str(wav), str(target)], check=True)


def narrate(slug: str) -> int:
    lesson = tomllib.loads((PACK / slug / "lesson.toml").read_text(encoding="utf-8"))
    made = 0
    for number, step in enumerate(lesson["steps"], start=1):
        for language, path in sorted(step.get("narration", {}).items()):
            if not path.startswith(GENERATED):
                continue
            if language not in VOICES:
                sys.exit(f"{slug}: no espeak-ng voice set for language {language!r}")
            speak(step["text"][language], language, PACK / slug / path, serial=number)
            made += 1
    return made


def main() -> None:
    manifest = tomllib.loads((PACK / "pack.toml").read_text(encoding="utf-8"))
    slugs = sys.argv[1:] or manifest["lessons"]
    for slug in slugs:
        print(f"{slug}: {narrate(slug)} files")


if __name__ == "__main__":
    main()
