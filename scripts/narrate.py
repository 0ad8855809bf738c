#!/usr/bin/env python3
"""Makes the spoken narration of the lesson pack from its texts, and the app's spoken
feedback after a quiz answer from its messages.

Every `narration.<lang>` path of a step, a quiz question and a quiz choice, and every
`explanation_narration.<lang>` path of a question, that lies under `narration/` is
(re)generated with espeak-ng and compressed with opusenc; a path anywhere else is a human
recording and is left alone. The same texts and tools give the same bytes, so the files can
be checked in and regenerated at will:

    scripts/narrate.py               # every lesson, and the app's feedback
    scripts/narrate.py scam-calls    # some lessons
"""

import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "assets" / "lessons"
# The app's spoken feedback: these messages of locales/<lang>/learning.ftl, as
# ui/public/voice/<lang>/<message id>.opus.
FEEDBACK = ["quiz-right", "quiz-wrong"]
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


def spoken(lesson: dict) -> list:
    """(texts by language, narration paths by language, stream serial) of every text read
    aloud: steps, then each question, its choices and its explanation."""
    items = [(step["text"], step.get("narration", {}), number) for number, step in enumerate(lesson["steps"], 1)]
    for q, question in enumerate(lesson.get("quiz", []), start=1):
        serial = 100 * q
        items.append((question["question"], question.get("narration", {}), serial))
        for c, choice in enumerate(question["choices"], start=1):
            items.append((choice["text"], choice.get("narration", {}), serial + c))
        items.append((question["explanation"], question.get("explanation_narration", {}), serial + 99))
    return items


def narrate(slug: str) -> int:
    lesson = tomllib.loads((PACK / slug / "lesson.toml").read_text(encoding="utf-8"))
    made = 0
    for texts, paths, serial in spoken(lesson):
        for language, path in sorted(paths.items()):
            if not path.startswith(GENERATED):
                continue
            if language not in VOICES:
                sys.exit(f"{slug}: no espeak-ng voice set for language {language!r}")
            speak(texts[language], language, PACK / slug / path, serial=serial)
            made += 1
    return made


def message(language: str, message_id: str) -> str:
    """A plain Fluent message (no variables) of locales/<language>/learning.ftl."""
    for line in (ROOT / "locales" / language / "learning.ftl").read_text(encoding="utf-8").splitlines():
        name, _, value = line.partition(" = ")
        if name == message_id:
            return value.strip()
    sys.exit(f"locales/{language}/learning.ftl has no message {message_id}")


def feedback() -> int:
    for language in sorted(VOICES):
        for serial, message_id in enumerate(FEEDBACK, start=1):
            speak(message(language, message_id), language, ROOT / "ui" / "public" / "voice" / language / f"{message_id}.opus", serial)
    return len(VOICES) * len(FEEDBACK)


def main() -> None:
    manifest = tomllib.loads((PACK / "pack.toml").read_text(encoding="utf-8"))
    slugs = sys.argv[1:] or manifest["lessons"]
    for slug in slugs:
        print(f"{slug}: {narrate(slug)} files")
    if not sys.argv[1:]:
        print(f"feedback: {feedback()} files")


if __name__ == "__main__":
    main()
