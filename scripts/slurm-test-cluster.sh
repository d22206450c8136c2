#!/usr/bin/env bash
# slurm-test-cluster.sh - a real one-node Slurm cluster for Allot's integration tests (Debian 12, Slurm 22.05):
#   munged + a private MariaDB + slurmdbd + slurmctld + one slurmd with 16 fake GPUs (8 x h100, 8 x a100).
# No systemd needed: every daemon is started directly and stopped through its PID file.
# Everything listens on 127.0.0.1 only. Needs root (apt-get, mknod, daemons).
#
#   slurm-test-cluster.sh install   apt-get the Debian packages (idempotent; start does it when they are missing)
#   slurm-test-cluster.sh start     install if needed, write configs, init the DB, start all daemons, wait for the node
#                                    (does nothing when the cluster already answers)
#   slurm-test-cluster.sh stop      cancel jobs, stop all daemons (reverse order)
#   slurm-test-cluster.sh reset     stop + wipe all state (accounting DB, spool, logs); run start afterwards
#   slurm-test-cluster.sh reset-accounting
#                                    empty accounting database (only the cluster and its root), cluster up again:
#                                    stops the Slurm daemons, drops and recreates slurmdbd's database, forgets the
#                                    controller's cached associations and reservations, starts them again (a fresh
#                                    apply measured on a used database pays for every association deleted before)
#   slurm-test-cluster.sh quickack on|off
#                                    turn delayed TCP acknowledgements off (on) or back on (off) for loopback, the
#                                    host setting docs/slurm.md recommends for the hosts of sacctmgr and slurmdbd;
#                                    the cluster works either way ('quickack' shows the setting)
#   slurm-test-cluster.sh status    one line per daemon; exit 0 only when the cluster answers
#
# Overrides: SLURM_TEST_CLUSTER (cluster name, default "ci"), SLURM_TEST_BASE (state dir), SLURM_TEST_CONF_DIR.
set -euo pipefail

CLUSTER=${SLURM_TEST_CLUSTER:-ci}
NODE=${SLURM_TEST_NODE:-node1}
CONF_DIR=${SLURM_TEST_CONF_DIR:-/etc/slurm}     # /etc/slurm: the CLI tools need no SLURM_CONF
BASE=${SLURM_TEST_BASE:-/var/lib/allot-slurm-test}
DB_PORT=${SLURM_TEST_DB_PORT:-3306}
CTLD_PORT=6817 SLURMD_PORT=6818 DBD_PORT=6819
DB_PASS=${SLURM_TEST_DB_PASS:-allottest}
N_H100=8 N_A100=8
export SLURM_CONF=$CONF_DIR/slurm.conf
RUN=$BASE/run LOG=$BASE/log
MYSQL_SOCK=$RUN/mysqld/mysqld.sock
PACKAGES=(slurmctld slurmd slurm-client slurmdbd munge mariadb-server)

log() { echo "[slurm-test-cluster] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

wait_for() { # wait_for <seconds> <description> <command...>
  local t=$1 what=$2; shift 2
  local end=$((SECONDS + t))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $end ] || die "timeout after ${t}s waiting for $what (logs in $LOG)"
    sleep 0.2
  done
}

stop_pidfile() { # stop_pidfile <name> <pidfile>
  local name=$1 f=$2 pid
  [ -s "$f" ] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then log "$name ($pid) did not stop, SIGKILL"; kill -KILL "$pid" || true; fi
    log "stopped $name ($pid)"
  fi
  rm -f "$f"
}

installed() { # true when every package is installed
  local ok; ok=$(dpkg-query -W -f='${Status}\n' "${PACKAGES[@]}" 2>/dev/null | grep -c 'install ok installed' || true)
  [ "$ok" = "${#PACKAGES[@]}" ]
}

do_install() {
  if installed; then log "packages already installed"; return 0; fi
  [ "$(id -u)" = 0 ] || die "installing packages needs root"
  export DEBIAN_FRONTEND=noninteractive
  # Debian's postinst scripts would start munge/mariadb; this script starts them itself.
  local rc_created=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; rc_created=1; fi
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${PACKAGES[@]}"
  if [ $rc_created = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
}

check_host() {
  for b in slurmctld slurmd slurmdbd munged mariadbd sacctmgr; do
    command -v $b >/dev/null || [ -x /usr/sbin/$b ] || die "$b missing - run '$0 install'"
  done
  # NoInAddrAny makes the daemons bind the address the hostname resolves to: it must be loopback.
  local addr; addr=$(getent ahostsv4 "$(hostname)" | awk 'NR==1{print $1}')
  case "$addr" in 127.*) ;; *) die "hostname $(hostname) resolves to '$addr', not loopback; add '127.0.0.1 $(hostname)' to /etc/hosts";; esac
}

port_free() { ! (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; }
port_open() { (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; }
cluster_up() { scontrol ping 2>/dev/null | grep -q UP && sacctmgr -n -P show cluster format=cluster 2>/dev/null | grep -qx "$CLUSTER"; }

write_configs() {
  mkdir -p "$CONF_DIR" "$BASE/spool/ctld" "$BASE/spool/d" "$RUN" "$LOG" "$BASE/dev"
  # fake GPUs: character devices with NVIDIA's major number (195); nothing ever opens them.
  # A GPU GRES without File= is dropped by slurmd and the node drains.
  local i
  for i in $(seq 0 $((N_H100 + N_A100 - 1))); do
    [ -c "$BASE/dev/nvidia$i" ] || mknod "$BASE/dev/nvidia$i" c 195 "$i"
  done
  cat > "$CONF_DIR/slurm.conf" <<EOF
ClusterName=$CLUSTER
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
CommunicationParameters=NoInAddrAny,NoCtldInAddrAny
SlurmUser=root
StateSaveLocation=$BASE/spool/ctld
SlurmdSpoolDir=$BASE/spool/d
SlurmctldPidFile=$RUN/slurmctld.pid
SlurmdPidFile=$RUN/slurmd.pid
SlurmctldLogFile=$LOG/slurmctld.log
SlurmdLogFile=$LOG/slurmd.log
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
ReturnToService=2
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
DefMemPerCPU=100
GresTypes=gpu
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=2,bf_interval=2
PriorityType=priority/multifactor
PriorityWeightFairshare=10000
PriorityCalcPeriod=1
PriorityDecayHalfLife=0
PriorityUsageResetPeriod=NONE
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=localhost
AccountingStoragePort=$DBD_PORT
# h200 and l40s are tracked (no node has them) so that plans of labs with those types can be applied here
AccountingStorageTRES=gres/gpu,gres/gpu:h100,gres/gpu:a100,gres/gpu:h200,gres/gpu:l40s
AccountingStorageEnforce=associations,limits,qos,safe
JobCompType=jobcomp/none
SlurmdParameters=config_overrides
NodeName=$NODE NodeAddr=127.0.0.1 NodeHostname=localhost CPUs=32 RealMemory=16000 Gres=gpu:h100:$N_H100,gpu:a100:$N_A100 State=UNKNOWN
PartitionName=gpu Nodes=ALL Default=YES DefaultTime=00:10:00 MaxTime=INFINITE State=UP
EOF
  cat > "$CONF_DIR/gres.conf" <<EOF
AutoDetect=off
NodeName=$NODE Name=gpu Type=h100 File=$BASE/dev/nvidia[0-$((N_H100 - 1))]
NodeName=$NODE Name=gpu Type=a100 File=$BASE/dev/nvidia[$N_H100-$((N_H100 + N_A100 - 1))]
EOF
  cat > "$CONF_DIR/slurmdbd.conf" <<EOF
DbdHost=localhost
DbdPort=$DBD_PORT
CommunicationParameters=NoInAddrAny
SlurmUser=root
PidFile=$RUN/slurmdbd.pid
LogFile=$LOG/slurmdbd.log
StorageType=accounting_storage/mysql
StorageHost=127.0.0.1
StoragePort=$DB_PORT
StorageUser=slurm
StoragePass=$DB_PASS
StorageLoc=slurm_acct_db
EOF
  chmod 600 "$CONF_DIR/slurmdbd.conf"   # slurmdbd refuses a readable file
}

start_munge() {
  if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then log "munged already running"; return; fi
  [ -s /etc/munge/munge.key ] || { mungekey --create --keyfile=/etc/munge/munge.key; chown munge:munge /etc/munge/munge.key; chmod 400 /etc/munge/munge.key; }
  install -d -o munge -g munge -m 0755 /run/munge          # must be world-executable
  install -d -o munge -g munge -m 0700 /var/lib/munge /var/log/munge
  runuser -u munge -- /usr/sbin/munged
  cp /run/munge/munged.pid "$RUN/munged.pid"
  wait_for 10 munged sh -c 'munge -n | unmunge'
}

start_mariadb() {
  install -d -o mysql -g mysql "$BASE/mysql" "$RUN/mysqld"
  if [ ! -d "$BASE/mysql/mysql" ]; then
    log "initialising MariaDB datadir"
    mariadb-install-db --no-defaults --user=mysql --datadir="$BASE/mysql" --auth-root-authentication-method=socket \
      --skip-test-db >"$LOG/mariadb-install.log" 2>&1
  fi
  port_free "$DB_PORT" || die "port $DB_PORT already in use (set SLURM_TEST_DB_PORT)"
  /usr/sbin/mariadbd --no-defaults --user=mysql --datadir="$BASE/mysql" \
    --bind-address=127.0.0.1 --port="$DB_PORT" --socket="$MYSQL_SOCK" --pid-file="$RUN/mysqld/mysqld.pid" \
    --log-error="$RUN/mysqld/mariadb.err" --skip-name-resolve \
    --innodb-buffer-pool-size=512M --innodb-lock-wait-timeout=900 \
    </dev/null >/dev/null 2>&1 &
  wait_for 30 mariadb mariadb-admin --no-defaults --socket="$MYSQL_SOCK" -uroot ping
  mariadb --no-defaults --socket="$MYSQL_SOCK" -uroot -e "
    CREATE USER IF NOT EXISTS 'slurm'@'127.0.0.1' IDENTIFIED BY '$DB_PASS';
    GRANT ALL ON slurm_acct_db.* TO 'slurm'@'127.0.0.1';"
}

do_start() {
  if command -v scontrol >/dev/null && cluster_up; then log "cluster '$CLUSTER' already up"; return 0; fi
  do_install
  check_host
  for p in "$CTLD_PORT" "$SLURMD_PORT" "$DBD_PORT"; do port_free "$p" || die "port $p already in use (another Slurm running? try '$0 stop')"; done
  write_configs
  start_munge
  start_mariadb
  start_slurm
}

start_slurm() {
  /usr/sbin/slurmdbd
  wait_for 30 slurmdbd port_open "$DBD_PORT"
  # the cluster must exist before slurmctld registers
  sacctmgr -i -Q add cluster "$CLUSTER" >/dev/null 2>&1 || true
  /usr/sbin/slurmctld
  wait_for 30 slurmctld sh -c 'scontrol ping | grep -q UP'
  /usr/sbin/slurmd -N "$NODE"      # -N: node name independent of the hostname
  wait_for 60 "node $NODE idle" sh -c "sinfo -h -n $NODE -o %T | grep -qx idle"
  log "cluster '$CLUSTER' is up (SLURM_CONF=$SLURM_CONF)"
}

stop_slurm() {
  if [ -s "$RUN/slurmctld.pid" ] && kill -0 "$(cat "$RUN/slurmctld.pid")" 2>/dev/null; then
    squeue -h -o %i 2>/dev/null | xargs -r scancel 2>/dev/null || true
    for _ in $(seq 1 50); do [ -z "$(squeue -h -o %i 2>/dev/null)" ] && break; sleep 0.2; done
  fi
  stop_pidfile slurmd "$RUN/slurmd.pid" & stop_pidfile slurmctld "$RUN/slurmctld.pid" & wait
  stop_pidfile slurmdbd "$RUN/slurmdbd.pid"
}

do_reset_accounting() {
  [ -d "$BASE/mysql/mysql" ] || die "no cluster set up in $BASE - run '$0 start'"
  check_host
  stop_slurm
  if ! mariadb-admin --no-defaults --socket="$MYSQL_SOCK" -uroot ping >/dev/null 2>&1; then
    start_munge
    start_mariadb
  fi
  mariadb --no-defaults --socket="$MYSQL_SOCK" -uroot -e "DROP DATABASE IF EXISTS slurm_acct_db"
  # slurmctld would otherwise start from its saved copy of the old associations and reservations
  rm -f "$BASE"/spool/ctld/assoc_* "$BASE"/spool/ctld/qos_usage* "$BASE"/spool/ctld/resv_state* \
    "$BASE"/spool/ctld/last_tres* "$BASE"/spool/ctld/dbd.messages
  start_slurm
  log "accounting database of cluster '$CLUSTER' emptied"
}

do_stop() {
  stop_slurm
  stop_pidfile mariadbd "$RUN/mysqld/mysqld.pid" & stop_pidfile munged "$RUN/munged.pid" & wait  # munged only if started here
}

# Loopback's two local routes with their quickack attribute set to $1 (1: acknowledge at once, 0: the kernel's
# delayed acknowledgements); sacctmgr's exchanges with slurmdbd wait about 40 ms each way without it.
do_quickack() {
  local value route
  case "${1:-}" in
    on) value=1 ;;
    off) value=0 ;;
    "") ip route show table local | grep -E '^local 127\.0\.0\.(0/8|1) ' ; return 0 ;;
    *) echo "usage: $0 quickack on|off" >&2; exit 2 ;;
  esac
  for route in 127.0.0.0/8 127.0.0.1; do
    ip route change local "$route" dev lo proto kernel scope host src 127.0.0.1 table local quickack "$value"
  done
  log "loopback quickack $1"
}

do_status() {
  local n pidf
  for n in munged mysqld/mysqld slurmdbd slurmctld slurmd; do
    pidf=$RUN/$n.pid
    if [ -s "$pidf" ] && kill -0 "$(cat "$pidf")" 2>/dev/null; then echo "$n: running ($(cat "$pidf"))"; else echo "$n: stopped"; fi
  done
  if command -v scontrol >/dev/null && cluster_up; then echo "cluster $CLUSTER: up"; else echo "cluster $CLUSTER: down"; return 1; fi
}

case "${1:-}" in
  install) do_install ;;
  start) do_start ;;
  stop) do_stop ;;
  reset-accounting) do_reset_accounting ;;
  reset) do_stop; rm -rf "$BASE"; rm -f "$CONF_DIR/slurm.conf" "$CONF_DIR/gres.conf" "$CONF_DIR/slurmdbd.conf" ;;
  quickack) do_quickack "${2:-}" ;;
  status) do_status ;;
  *) echo "usage: $0 install|start|stop|reset|reset-accounting|quickack on|off|status" >&2; exit 2 ;;
esac
