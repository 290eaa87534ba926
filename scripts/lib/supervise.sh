# shellcheck shell=bash
# Sourced by ./scripts/start (needs its `log` and `pids`).

# supervise NAME LOGFILE COMMAND…: runs COMMAND (its output appended to LOGFILE) and runs it again
# whenever it exits, after a back-off (1 s, doubling to 30 s; back to 1 s after a minute up). It
# stops, with its command, on SIGTERM (what cleanup sends). Its pid goes into pids.
supervise() {
  local name=$1 logfile=$2
  shift 2
  : >"$logfile"
  (
    child=""
    stopping=""
    trap 'stopping=1; [ -z "$child" ] || kill "$child" 2>/dev/null; wait "$child" 2>/dev/null; exit 0' TERM
    delay=1
    while [ -z "$stopping" ]; do
      started=$SECONDS
      "$@" >>"$logfile" 2>&1 &
      child=$!
      code=0
      wait "$child" || code=$?
      child=""
      [ -z "$stopping" ] || break
      if [ $((SECONDS - started)) -ge 60 ]; then delay=1; fi
      msg="[supervisor] $(date -u +%Y-%m-%dT%H:%M:%SZ) $name exited with code $code; restarting in $delay s"
      printf '%s\n' "$msg" >>"$logfile"
      log "$msg"
      sleep "$delay" &
      wait $! || true
      delay=$((delay * 2 > 30 ? 30 : delay * 2))
    done
  ) &
  pids+=($!)
}
