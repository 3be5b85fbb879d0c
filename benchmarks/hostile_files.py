"""Hostile input files, made on the fly: what the reliability suite and its benchmark load.

``write_hostile(folder)`` writes each file and returns their names with what each is. The
shapes: a .docx zip bomb, truncated and encrypted-looking PDFs, UTF-16 text, random bytes,
a blank file, a NUL after 8 KB, HTML nested 50,000 deep, names holding shell and rich
markup characters, and the adversarial text shapes of ``loader_scaling.py`` at about
100 KB each.

    python benchmarks/hostile_files.py [FOLDER]   # writes them and prints a table of
                                                   # file, outcome, seconds and peak MB
"""

from __future__ import annotations

import io
import subprocess
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from loader_scaling import SHAPES, _text


def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", b"<w:document>" + b" " * 50_000_000 + b"</w>")
    return buf.getvalue()


def write_hostile(folder: Path) -> dict[str, str]:
    """Write the hostile files into ``folder``; {file name: what it is}."""
    files: dict[str, tuple[bytes, str]] = {
        "bomb.docx": (_zip_bomb(), "a .docx zip bomb (50 MB part)"),
        "truncated.pdf": (b"%PDF-1.7\n1 0 obj <<\n/Type /Catalog", "a PDF cut short"),
        "encrypted.pdf": (b"%PDF-1.4\n1 0 obj<</Filter/Standard/V 2/R 3/O(x)/U(y)/P -4>>"
                          b"endobj\ntrailer<</Encrypt 1 0 R>>\n%%EOF", "an encrypted PDF"),
        "utf16.txt": ("Plan\nCafé\n".encode("utf-16"), "UTF-16 text"),
        "random.txt": (bytes(range(1, 256)) * 400, "random bytes without NUL"),
        "blank.txt": (b"   \n\n\t\n", "only blank lines"),
        "late-nul.txt": (b"Community Safety Plan\n" * 1000 + b"\x00\n", "a NUL after 8 KB"),
        "deep.html": (b"<html><body>" + b"<div>" * 50_000 + b"x" + b"</div>" * 50_000
                      + b"</body></html>", "HTML nested 50,000 deep"),
        "$(touch pwned);`id`.txt": (b"Plan\n\nOur priorities\n\n- Fraud\n",
                                   "shell metacharacters in the name"),
        "[bold]x[@click].md": (b"# Plan\n\n- Fraud\n", "rich markup in the name"),
    }
    for shape in SHAPES:
        text = _text(shape, 1)
        repeats = max(1, 100_000 // max(len(text), 1))
        name = shape.replace(" ", "-").replace("/", "-") + ".md"
        files[name] = (_text(shape, repeats).encode("utf-8"), f"~100 KB of {shape}")
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    return {name: what for name, (_, what) in files.items()}


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("hostile")
    folder.mkdir(parents=True, exist_ok=True)
    described = write_hostile(folder)
    print(f"{'file':34} {'outcome':44} {'seconds':>8} {'peak MB':>8}")
    code = ("import resource, sys; from pathlib import Path\n"
            "from cspgraph.loaders import load_document\n"
            "from cspgraph.errors import CspGraphError\n"
            "try:\n    r = load_document(Path(sys.argv[1]))\n"
            "    print(f'loaded: {len(r.facts)} facts')\n"
            "except CspGraphError as e:\n"
            "    print('refused: ' + e.message.split(': ', 1)[-1][:60])\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")
    for name in described:
        started = time.perf_counter()
        run = subprocess.run([sys.executable, "-c", code, str(folder / name)],
                             capture_output=True, text=True, timeout=600)
        seconds = time.perf_counter() - started
        lines = run.stdout.strip().splitlines()
        peak = int(lines[-1]) / 1024 if lines and lines[-1].isdigit() else float("nan")
        outcome = lines[-2] if len(lines) >= 2 else "(nothing)"
        if run.returncode != 0 or "Traceback" in run.stderr:
            outcome = "TRACEBACK " + run.stderr.strip().splitlines()[-1][:40]
        print(f"{name[:34]:34} {outcome[:44]:44} {seconds:8.2f} {peak:8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
