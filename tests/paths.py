"""Where the repository's content is, for tests run from any directory."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOWS = ROOT / "flows.yaml"
