"""The README's answers from the bundled dataset are the ones the commands give today."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


def examples(section: str):
    """Each ``$ command`` in the fenced blocks of one README section, with the lines it prints."""
    text = README.read_text(encoding="utf-8")
    body = text.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    found = []
    for block in re.findall(r"```\n(.*?)```", body, flags=re.S):
        command, out = None, []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command:
                    found.append((command, "\n".join(out) + "\n"))
                command, out = line[2:], []
            elif command:
                out.append(line)
        if command:
            found.append((command, "\n".join(out) + "\n"))
    return found


CASES = examples("The bundled dataset")


def test_the_section_has_examples():
    assert len(CASES) >= 4


@pytest.mark.slow
@pytest.mark.parametrize("command, expected", CASES, ids=[c for c, _ in CASES])
def test_a_readme_answer_is_what_the_command_prints(command, expected, tmp_path):
    exe = str(Path(sys.executable).parent / "partnergraph")
    run = subprocess.run(command.replace("partnergraph ", f"{exe} ", 1), shell=True, capture_output=True,
                         text=True, cwd=tmp_path, env={**os.environ, "COLUMNS": "80"})
    assert run.returncode == 0, run.stderr
    assert run.stdout == expected
