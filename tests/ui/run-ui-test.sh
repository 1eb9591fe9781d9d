#!/usr/bin/env bash
# Runs one UI driver against the real binary: Xvfb, a private session bus,
# the accessibility bus, the app on a demo plan, then the driver.
#   run-ui-test.sh DRIVER.py NAME [demo|demo-now|empty|none]
# "none": the driver starts the app itself (one or more, each on its own
# plan). LINEUP_UI_SCREEN is the virtual screen (WIDTHxHEIGHTxDEPTH).
set -u

driver=$1
name=$2
plan=${3:-demo}
bin=${LINEUP_BINARY:?}
logs=${LINEUP_BUILD_ROOT:?}/meson-logs
work=$(mktemp -d /tmp/lineup-ui-XXXXXX)
db=$work/plan.db
xvfb_pid=

reserved=
cleanup () {
  if [ -n "$xvfb_pid" ]; then
    kill "$xvfb_pid" 2>/dev/null
    wait "$xvfb_pid" 2>/dev/null
  fi
  # The number is free again only once its server is gone.
  [ -n "$reserved" ] && rmdir "$reserved" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$logs"
# A test may run the app (and fill its demo plan) in another language:
# LINEUP_UI_LOCALE is its locale, LINEUP_UI_LANGUAGE its gettext languages.
ui_locale=${LINEUP_UI_LOCALE:-C.UTF-8}
export LANG=$ui_locale LC_ALL=$ui_locale
if [ -n "${LINEUP_UI_LANGUAGE:-}" ]; then export LANGUAGE=$LINEUP_UI_LANGUAGE; else unset LANGUAGE; fi
case "$plan" in
  demo) "$bin" --database "$db" demo --month 2026-12 || { echo "could not fill the demo plan"; exit 1; } ;;
  # The calendar opens at today's month: fill that one.
  demo-now) "$bin" --database "$db" demo || { echo "could not fill the demo plan"; exit 1; } ;;
esac

# A display number nobody uses: reserved first (mkdir is atomic, so two
# runs side by side never take the same one, and a number is given again only
# after its last server has gone), starting from a place of the test's own;
# then our own Xvfb must answer on it.
display=
first=$(( $(printf '%s' "$name" | cksum | cut -d' ' -f1) % 60 ))
for i in $(seq 0 69); do
  n=$(( 91 + (first + i) % 70 ))
  mkdir "/tmp/lineup-ui-display-$n" 2>/dev/null || continue
  reserved=/tmp/lineup-ui-display-$n
  if [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ]; then
    rmdir "$reserved"; reserved=; continue
  fi
  # -noreset: an X server resets when its last client leaves (the check
  # below is one), and refuses the app that connects meanwhile.
  Xvfb ":$n" -screen 0 "${LINEUP_UI_SCREEN:-1400x900x24}" -nolisten tcp -noreset >"$work/xvfb.log" 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 1 100); do
    kill -0 "$xvfb_pid" 2>/dev/null || break
    DISPLAY=":$n" xdotool getdisplaygeometry >/dev/null 2>&1 && { display=$n; break; }
    sleep 0.05
  done
  if [ -n "$display" ] && kill -0 "$xvfb_pid" 2>/dev/null; then break; fi
  display=
  kill "$xvfb_pid" 2>/dev/null
  wait "$xvfb_pid" 2>/dev/null
  xvfb_pid=
  rmdir "$reserved"; reserved=
done
[ -n "$display" ] || { echo "Xvfb did not start on a free display:"; cat "$work/xvfb.log"; exit 1; }

export DISPLAY=":$display" GDK_BACKEND=x11 GSK_RENDERER=cairo
export LINEUP_TEST_DB=$db LINEUP_SHOT="$logs/$name.png" LINEUP_UI_PLAN=$plan
unset NO_AT_BRIDGE

dbus-run-session -- bash -c '
  /usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
  # An app started before the accessibility bus answers never joins it.
  for _ in $(seq 1 100); do
    dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus org.a11y.Bus.GetAddress >/dev/null 2>&1 && break
    sleep 0.05
  done
  app=
  if [ "$LINEUP_UI_PLAN" != none ]; then
    "$LINEUP_BINARY" --database "$LINEUP_TEST_DB" >"'"$work"'/app.log" 2>&1 &
    app=$!
  fi
  /usr/bin/python3 "'"$driver"'"
  rc=$?
  if [ -n "$app" ]; then
    kill $app 2>/dev/null
    wait $app 2>/dev/null
    echo "--- app log ---"; cat "'"$work"'/app.log"
  fi
  exit $rc
'
rc=$?
echo "screenshot: $LINEUP_SHOT"
exit $rc
