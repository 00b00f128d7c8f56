# Sourced by the guest scripts (guest.sh, guest-igb.sh): PASS/FAIL/TIME lines, checks, and a
# wrapper that runs iovc and keeps its output in $T/out, $T/err and its exit status in $RC.
now() { cut -d' ' -f1 /proc/uptime; }
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }
# check DESCRIPTION COMMAND...: PASS when the command succeeds
check() { local d=$1; shift; if "$@"; then pass "$d"; else fail "$d"; fi; }
# same A B: string equality, showing both on failure
same() { [ "$1" = "$2" ] && return 0; echo "  expected: $2"; echo "  actual:   $1"; return 1; }
# iovc ARGS...: runs bin/iovc, keeps stdout/stderr in $T/out, $T/err, the status in $RC. With
# IOVC_INJECT_FAILURE set (`IOVC_INJECT_FAILURE=vf:2 iovc …`) it hands iovc the kernel tests' hook
# jar ($IOVC_TEST_HOOKS from run.sh, kernel-tests/hooks) as a Java agent, which puts the jar on the
# class path: the distribution ships no fault injection, so its iovc ignores the variable. Every
# other run is the distribution's iovc as installed.
iovc() {
  local s e opts=${IOVC_JAVA_OPTS:-}; s=$(now)
  [ -z "${IOVC_INJECT_FAILURE:-}" ] || opts="$opts -javaagent:$IOVC_TEST_HOOKS"
  IOVC_JAVA_OPTS=$opts "$IOVC" "$@" >$T/out 2>$T/err; RC=$?
  e=$(now); echo "TIME: iovc $* -> exit $RC in $(awk "BEGIN{printf \"%.1f\", $e - $s}") s"
  if [ -n "${VERBOSE:-}" ] || [ "$RC" -ne "${EXPECT_RC:-0}" ]; then sed 's/^/  | /' $T/out $T/err; fi
}
contains() { grep -qF -- "$2" "$1" || { echo "  missing in $(basename $1): $2"; sed 's/^/  | /' "$1"; return 1; }; }

