"""Turn `wrk --latency` outputs into one table: requests/s, p50, p99, errors, ratio to the
trivial route measured just before it in the same run (the machine is shared: only ratios
compare)."""

import json
import re
import sys
from pathlib import Path

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def parse(text: str) -> dict:
    def latency(percent: str) -> float:
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
        return round(float(match.group(1)) * UNITS[match.group(2)], 2) if match else float("nan")

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (
        sum(int(x) for x in socket.groups()) if socket else 0)
    return {"rps": rps, "p50_ms": latency("50"), "p99_ms": latency("99"), "errors": errors}


def main(directory: str) -> int:
    found = {p.stem: parse(p.read_text()) for p in sorted(Path(directory).glob("*.txt"))}
    results = {name: r for name, r in found.items() if not name.endswith(".base")}
    print(f"{'route':<22}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'vs trivial':>12}"
          f"{'trivial req/s':>15}")
    for name, r in results.items():
        # The /healthz run just before the route (bench_http.sh), else the run's first one.
        base = found.get(f"{name}.base") or found.get("trivial") or {"rps": 1.0}
        r["trivial_rps"], r["ratio"] = base["rps"], round(r["rps"] / base["rps"], 3)
        print(f"{name:<22}{r['rps']:>10.1f}{r['p50_ms']:>9.2f}{r['p99_ms']:>9.2f}"
              f"{r['errors']:>8}{r['ratio']:>12.2f}{base['rps']:>15.1f}")
    (Path(directory) / "summary.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
