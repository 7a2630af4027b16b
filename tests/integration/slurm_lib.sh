# A private single-node Slurm cluster for the integration tests, from Debian's packages (slurmctld,
# slurmd, slurm-client, munge): its own munge key and socket, config, state and spool directories,
# bound to 127.0.0.1 on free ports, started by hand (there is no systemd) and stopped by PID.
# Every client command must see SLURM_CONF (else it asks DNS for the controller): start_slurm
# exports it. Usage: source lib.sh; source slurm_lib.sh; start_slurm "$WORK/slurm"; ... (stopped on EXIT).

# free_port: a TCP port nothing listens on at the moment.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# start_slurm DIR [CPUS]: writes the config under DIR, starts munged, slurmctld, slurmd; waits for idle.
start_slurm() {
  local dir="$1" cpus="${2:-2}"
  local tool
  for tool in munged mungekey slurmctld slurmd sbatch squeue scancel sinfo; do
    command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed (ci/setup.sh installs it)"; exit 77; }
  done
  SLURM_DIR="$dir"
  rm -rf "$dir"
  mkdir -p "$dir"/{munge,state,spool,log,run}
  chmod 0711 "$dir/munge"
  mungekey --create --keyfile="$dir/munge/munge.key" >/dev/null
  # munged wants every directory above its socket searchable by all; a test's mktemp directory is not.
  MUNGE_SOCKET_DIR="$(mktemp -d "${TMPDIR:-/tmp}/wb-munge-XXXXXX")"
  chmod 0711 "$MUNGE_SOCKET_DIR"
  local socket="$MUNGE_SOCKET_DIR/munge.socket"
  munged --key-file="$dir/munge/munge.key" --socket="$socket" \
    --pid-file="$dir/run/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/munge/munge.seed"
  local user ctld_port slurmd_port
  user="$(id -un)"
  ctld_port="$(free_port)"
  slurmd_port="$(free_port)"
  cat >"$dir/slurm.conf" <<CONF
ClusterName=wbtest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
CommunicationParameters=NoCtldInAddrAny,NoInAddrAny
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
SlurmUser=$user
SlurmdUser=$user
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
MinJobAge=600
ReturnToService=2
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=wbtest Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF="$dir/slurm.conf"
  slurmctld -f "$SLURM_CONF"
  slurmd -f "$SLURM_CONF" -N localhost
  local i
  for i in $(seq 100); do
    if sinfo -h -o '%t' 2>/dev/null | grep -qx idle; then return 0; fi
    sleep 0.2
  done
  echo "FAIL: the test cluster did not become idle; its logs:" >&2
  tail -n 20 "$dir"/log/*.log >&2
  stop_slurm
  exit 1
}

# stop_slurm: stops the daemons start_slurm started, by their PID files (nothing else).
stop_slurm() {
  [[ -n "${SLURM_DIR:-}" ]] || return 0
  local f pid
  for f in slurmd slurmctld munged; do
    # A daemon removes its PID file as it exits: gone between the test and the read is fine.
    pid="$(cat "$SLURM_DIR/run/$f.pid" 2>/dev/null)" || continue
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
  done
  for f in slurmd slurmctld munged; do
    pid="$(cat "$SLURM_DIR/run/$f.pid" 2>/dev/null)" || continue
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  SLURM_DIR=""
  [[ -n "${MUNGE_SOCKET_DIR:-}" ]] && rm -rf "$MUNGE_SOCKET_DIR"
  MUNGE_SOCKET_DIR=""
}
