#!/usr/bin/env python3
"""Measures a Slurm cluster's latencies for farm_sim.py: sbatch's own time per job and, over a chain of
empty jobs linked by afterok, the time from one job's end to the next one's end (the scheduler's
reaction to a finished dependency plus the start of an empty job). SLURM_CONF must be set.
Usage: slurm_latency.py WORKDIR [JOBS]  -> one JSON line on stdout."""
import json
import os
import subprocess
import sys
import time

if "SLURM_CONF" not in os.environ:
    sys.exit("slurm_latency: SLURM_CONF is not set (Slurm's clients would ask DNS for the controller)")
work = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 8
os.makedirs(work, exist_ok=True)


def sbatch(*args):
    t = time.monotonic()
    out = subprocess.run(["sbatch", "--parsable", "--output=/dev/null", "--chdir=" + work, "--job-name=wb-latency",
                          *args, "--wrap=true"], check=True, capture_output=True, text=True).stdout.strip()
    return out.split(";")[0], time.monotonic() - t


def states():
    out = subprocess.run(["squeue", "--json"], capture_output=True, text=True, check=True).stdout
    return {str(j["job_id"]): j["job_state"] for j in json.loads(out)["jobs"]}


start = time.monotonic()
ids, took = [], []
for _ in range(count):
    dep = ["--dependency=afterok:" + ids[-1], "--kill-on-invalid-dep=yes"] if ids else []
    jid, t = sbatch(*dep)
    ids.append(jid)
    took.append(t)
while states().get(ids[-1]) not in ("COMPLETED", "FAILED", "CANCELLED"):
    time.sleep(0.05)
chain = time.monotonic() - start
print(json.dumps({"sbatch_ms": round(1000 * sum(took) / len(took), 1), "chain_jobs": count,
                  "chain_seconds": round(chain, 2), "per_dependency_seconds": round(chain / count, 2)}))
