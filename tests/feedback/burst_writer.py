"""A process that stores comments as fast as it can and prints ``ACK <key> <reference>`` after
each one is committed, like a server giving receipts. The durability tests kill it with SIGKILL.

    python -m tests.feedback.burst_writer <store> <key-prefix> <count>
"""

import sys

from arshan_data.feedback.model import Submission
from arshan_data.feedback.repository import open_repository


def main(store: str, prefix: str, count: int) -> None:
    repo = open_repository(store)
    for i in range(count):
        key = f"{prefix}-{i}"
        sub = Submission(
            stance="objection",
            topic="transport",
            message=f"burst comment {key} 道路规划意见",
            name="测试" if i % 3 == 0 else None,
            client_hash=prefix,
        )
        receipt = repo.add(sub, key)
        print(f"ACK {key} {receipt.reference}", flush=True)
    repo.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
