"""Profile one route in-process with pyinstrument: where a request's time goes.

    JOBBRIDGE_INSTANCE_PATH=instance JOBBRIDGE_AS_OF_DATE=2020-09-01 \\
      .venv/bin/python scripts/profile_route.py "/api/v1/posts?q=会计" --requests 200
    .venv/bin/python scripts/profile_route.py /api/v1/me/recommendations --as 13793732997

Runs against the database of the environment (the demo: `make demo`) through Flask's test
client, so the figures leave out gunicorn and the network: use it to find hot spots, and
scripts/bench_http.sh to measure. `--unique` appends a number to `q` on every request, so the
listing's cache never answers (the cost of a search nobody asked before).
"""

import argparse
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pyinstrument import Profiler  # noqa: E402

from web import create_app  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="the route with its query string, e.g. /posts?q=会计")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--as", dest="phone", help="log in as this demo phone (password Changle2020)")
    parser.add_argument("--password", default="Changle2020")
    parser.add_argument("--unique", action="store_true", help="a new q on every request")
    args = parser.parse_args()

    client = create_app().test_client()
    headers = {}
    if args.phone:
        answer = client.post("/api/v1/auth/token", json={"phone": args.phone, "password": args.password})
        if answer.status_code != 200:
            print(f"cannot log in as {args.phone}: {answer.get_json()}", file=sys.stderr)
            return 1
        headers["Authorization"] = f"Bearer {answer.get_json()['token']}"
    paths = [args.path + (quote(f" {n}") if args.unique else "") for n in range(args.requests + 10)]
    for path in paths[:10]:  # warm: first fit, templates, caches
        status = client.get(path, headers=headers).status_code
        if status != 200:
            print(f"{path} answered {status}", file=sys.stderr)
            return 1
    profiler = Profiler(interval=0.0005)
    start = time.perf_counter()
    with profiler:
        for path in paths[10:]:
            client.get(path, headers=headers)
    elapsed = time.perf_counter() - start
    print(f"{args.requests} requests, {elapsed / args.requests * 1000:.2f} ms each (profiler on)")
    print(profiler.output_text(unicode=True, color=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
