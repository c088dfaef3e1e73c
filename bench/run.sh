#!/usr/bin/env bash
# The bench: thirteen logged-in pages of kring, each against nginx serving the
# very same bytes as a static file, in interleaved rounds (round-robin over
# the pages, kring then nginx for each), on the demo and on a `--scale N`
# database, for SQLite and/or PostgreSQL. Loopback only, bounded time.
# See bench/README.md.
#
#   bench/run.sh [--backend sqlite|postgres|both] [--scale N]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

usage() {
  echo "usage: bench/run.sh [--backend sqlite|postgres|both] [--scale N]  (N = 0: demo only)" >&2
  exit 2
}

backend=${BENCH_BACKEND:-both}
scale=${BENCH_SCALE:-100}
while (($# > 0)); do
  case $1 in
  --backend) (($# >= 2)) || usage; backend=$2; shift 2 ;;
  --backend=*) backend=${1#*=}; shift ;;
  --scale) (($# >= 2)) || usage; scale=$2; shift 2 ;;
  --scale=*) scale=${1#*=}; shift ;;
  -h | --help) usage ;;
  *) echo "bench: unknown argument '$1'" >&2; usage ;;
  esac
done
case $backend in
sqlite) backends=(sqlite) ;;
postgres) backends=(postgres) ;;
both) backends=(sqlite postgres) ;;
*) echo "bench: --backend must be sqlite, postgres or both" >&2; usage ;;
esac

KRING_BIN=${KRING_BIN:-build/kring}
bench_seconds=${BENCH_SECONDS:-3}
bench_rounds=${BENCH_ROUNDS:-3}
bench_connections=${BENCH_CONNECTIONS:-32}
bench_threads=${BENCH_THREADS:-2}
many_connections=${BENCH_MANY_CONNECTIONS:-256}
storm_logins=${BENCH_LOGINS:-50}
kring_port=${KRING_BENCH_PORT:-18080}
nginx_port=${NGINX_BENCH_PORT:-18081}
nginx_bin=${NGINX_BIN:-/usr/sbin/nginx}

org=de-sleutel
staff_email=sascha@desleutel.nl
# the login storm takes turns over the demo's accounts (20 logins per account
# in 15 minutes, then kring answers 429)
storm_emails=marieke@desleutel.nl,sascha@desleutel.nl,jeroen@desleutel.nl,anouk@rijnbrink.nl,fatima@voorbeeld.nl,henk@hetbaken.nl
adviser_email=anouk@rijnbrink.nl
password=welkom-in-de-bieb
search_query=taal
host=127.0.0.1

tmp=
kring_pid=
nginx_pid=
wrk_pid=
pg_dir=

log() { printf 'bench: %s\n' "$*" >&2; }

die() {
  printf 'bench: error: %s\n' "$*" >&2
  local f
  for f in kring.log nginx.out nginx-error.log; do
    if [[ -n $tmp && -s $tmp/$f ]]; then
      printf 'bench: last lines of %s:\n' "$f" >&2
      tail -n 20 "$tmp/$f" >&2 || true
    fi
  done
  exit 1
}

stop_pid() {
  local pid=$1 i
  [[ -n $pid ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

stop_pg() {
  if [[ -n $pg_dir ]]; then
    scripts/pg-cluster stop "$pg_dir" >/dev/null 2>&1 || true
    pg_dir=
  fi
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$wrk_pid"
  stop_pid "$nginx_pid"
  stop_pid "$kring_pid"
  stop_pg
  if [[ -n $tmp && -d $tmp ]]; then
    rm -rf -- "$tmp"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

is_uint() { [[ $1 =~ ^[0-9]+$ ]]; }

check_uint() { # $1 = name, $2 = value
  if ! is_uint "$2" || (($2 == 0)); then
    die "$1 must be a positive integer, got '$2'"
  fi
}
check_uint BENCH_SECONDS "$bench_seconds"
check_uint BENCH_ROUNDS "$bench_rounds"
check_uint BENCH_CONNECTIONS "$bench_connections"
check_uint BENCH_THREADS "$bench_threads"
check_uint BENCH_MANY_CONNECTIONS "$many_connections"
check_uint BENCH_LOGINS "$storm_logins"
check_uint KRING_BENCH_PORT "$kring_port"
check_uint NGINX_BENCH_PORT "$nginx_port"
is_uint "$scale" || die "--scale must be a number (0: the demo only), got '$scale'"
((kring_port < 65536 && nginx_port < 65536)) || die "ports must be below 65536"
((kring_port != nginx_port)) || die "KRING_BENCH_PORT and NGINX_BENCH_PORT must differ"
((bench_connections >= bench_threads)) ||
  die "BENCH_CONNECTIONS ($bench_connections) must be >= BENCH_THREADS ($bench_threads)"

for tool in curl wrk cmp awk sed timeout sort node; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found (Debian: apt-get install curl wrk diffutils gawk sed coreutils nodejs)"
done
[[ -x $nginx_bin ]] || die "nginx not found at $nginx_bin (Debian: apt-get install nginx-light)"
[[ -f $KRING_BIN && -x $KRING_BIN ]] || die "kring binary not found or not executable: $KRING_BIN (build it first)"
if [[ " ${backends[*]} " == *" postgres "* ]]; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 ||
    die "PostgreSQL server binaries are missing (Debian: apt-get install postgresql)"
fi

port_in_use() {
  # A successful TCP connect means someone already listens there.
  (exec 3<>"/dev/tcp/$host/$1") 2>/dev/null
}
port_in_use "$kring_port" && die "port $kring_port on $host is already in use (set KRING_BENCH_PORT)"
port_in_use "$nginx_port" && die "port $nginx_port on $host is already in use (set NGINX_BENCH_PORT)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kring-bench.XXXXXX")
# nginx workers and the PostgreSQL server may run as other users (when this
# runs as root): let them reach their directories without listing $tmp.
chmod 0711 "$tmp"
mkdir -p "$tmp/www" "$tmp/nginx-temp"
chmod 0755 "$tmp/www"
results=$tmp/results.tsv # config page bytes rps p50 p99 nginx_rps ratio
notes=$tmp/notes.txt
storms=$tmp/storms.txt
: >"$storms"
: >"$results"
: >"$notes"
warnings=()

now_ms() { date +%s%3N; }

# Wait (bounded, ~10 s) until $2 answers with HTTP 200 while process $1 lives.
wait_http_ok() {
  local pid=$1 url=$2 what=$3 i
  for ((i = 0; i < 1000; i++)); do
    kill -0 "$pid" 2>/dev/null || die "$what exited during startup"
    if curl -fsS --max-time 1 -o /dev/null "$url" 2>/dev/null; then
      return 0
    fi
    sleep 0.01
  done
  die "$what did not answer on $url within 10 s"
}

# 0 when GET /healthz on a fresh connection to port $1 answers 200; pure bash,
# so that polling costs no process start (for the time to the first answer).
healthz_answers() {
  local line
  { exec 3<>"/dev/tcp/$host/$1"; } 2>/dev/null || return 1
  printf 'GET /healthz HTTP/1.0\r\nHost: %s\r\n\r\n' "$host" >&3
  if ! IFS= read -r -t 2 line <&3; then
    exec 3<&-
    return 1
  fi
  exec 3<&-
  [[ $line == *" 200 "* ]]
}

# Resident memory of a process in KiB ("?" where /proc is not there).
rss_kib() {
  awk '$1 == "VmRSS:" { print $2; found = 1 } END { if (!found) print "?" }' "/proc/$1/status" 2>/dev/null || echo '?'
}

# --- nginx: one server for the whole run, serving $tmp/www ---------------------
cat >"$tmp/nginx.conf" <<EOF
worker_processes 2;
daemon off;
master_process on;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log warn;

events {
    worker_connections 4096;
}

http {
    access_log off;
    default_type text/html;
    types { }
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65s;
    keepalive_requests 1000000;
    server_tokens off;
    client_body_temp_path $tmp/nginx-temp/client_body;
    proxy_temp_path $tmp/nginx-temp/proxy;
    fastcgi_temp_path $tmp/nginx-temp/fastcgi;
    uwsgi_temp_path $tmp/nginx-temp/uwsgi;
    scgi_temp_path $tmp/nginx-temp/scgi;

    server {
        listen $host:$nginx_port;
        root $tmp/www;
        location / {
        }
    }
}
EOF
echo ok >"$tmp/www/ping.html"
chmod 0644 "$tmp/www/ping.html"
"$nginx_bin" -t -q -c "$tmp/nginx.conf" -p "$tmp" -e "$tmp/nginx-error.log" >>"$tmp/nginx.out" 2>&1 ||
  die "nginx rejected the generated config $tmp/nginx.conf"
log "starting nginx on $host:$nginx_port"
"$nginx_bin" -c "$tmp/nginx.conf" -p "$tmp" -e "$tmp/nginx-error.log" >>"$tmp/nginx.out" 2>&1 &
nginx_pid=$!
wait_http_ok "$nginx_pid" "http://$host:$nginx_port/ping.html" nginx
kring_url=http://$host:$kring_port

# --- logging in ------------------------------------------------------------------
# Prints the kring_session cookie of $1 (a fresh cookie jar each time).
login() {
  local email=$1 jar=$tmp/cookies-$RANDOM.txt csrf status session
  curl -fsS --max-time 10 -c "$jar" -b "$jar" -o "$tmp/login.html" "$kring_url/login" ||
    die "GET /login failed"
  # Accept the attributes of the hidden csrf input in any order.
  csrf=$(grep -o '<input[^>]*name="csrf"[^>]*>' "$tmp/login.html" |
    sed -n 's/.*value="\([^"]*\)".*/\1/p' | head -n 1) || true
  [[ -n $csrf ]] || die "no csrf token on the login page"
  status=$(curl -sS --max-time 10 -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' \
    --data-urlencode "email=$email" --data-urlencode "password=$password" \
    --data-urlencode "csrf=$csrf" "$kring_url/login") || die "POST /login failed"
  [[ $status == 303 ]] || die "POST /login as $email answered HTTP $status, expected 303"
  # Cookie-jar lines: domain flag path secure expiry name value (HttpOnly ones
  # start with '#HttpOnly_', so do not drop comment-looking lines).
  session=$(awk -F '\t' '$6 == "kring_session" { v = $7 } END { print v }' "$jar")
  [[ -n $session ]] || die "POST /login as $email set no kring_session cookie"
  rm -f "$jar"
  echo "$session"
}

# GET $1 with cookie $2 into file $3; dies unless it is a 200 page of a logged-in user.
fetch_page() {
  local path=$1 session=$2 out=$3 status
  status=$(curl -sS --max-time 10 -H "Cookie: kring_session=$session" -D "$out.headers" \
    -o "$out" -w '%{http_code}' "$kring_url$path") || die "GET $path failed"
  [[ $status == 200 ]] || die "GET $path answered HTTP $status, expected 200"
  [[ -s $out ]] || die "GET $path returned an empty body"
  if grep -q 'name="password"' "$out"; then
    die "GET $path returned a page with a password field: not logged in?"
  fi
}

# The first link of the form /o/ORG/$1/NUMBER on page file $2.
first_id_link() {
  grep -o "href=\"/o/$org/$1/[0-9]*\"" "$2" | sed 's/^href="//; s/"$//' | awk 'NF' | head -n 1 || true
}

# --- wrk ---------------------------------------------------------------------------
# Runs wrk against $2 with $3 connections, output in $tmp/wrk-$1.txt; more args follow.
run_wrk() {
  local name=$1 url=$2 conns=$3
  shift 3
  timeout --kill-after=5 "$((bench_seconds + 30))" \
    wrk "-t$bench_threads" "-c$conns" "-d${bench_seconds}s" --latency "$@" "$url" \
    >"$tmp/wrk-$name.txt" 2>&1 &
  wrk_pid=$!
  if ! wait "$wrk_pid"; then
    wrk_pid=
    cat "$tmp/wrk-$name.txt" >&2
    die "wrk against $url failed"
  fi
  wrk_pid=
}

# Latency as printed by wrk (e.g. 812.00us, 1.23ms, 2.00s) -> milliseconds.
wrk_latency_ms() {
  local pct=$1 file=$2
  awk -v pct="$pct%" '
    /Latency Distribution/ { in_dist = 1; next }
    in_dist && $1 == pct {
      v = $2; n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
      if (u == "us") n /= 1000; else if (u == "s") n *= 1000;
      else if (u == "m") n *= 60000; else if (u == "h") n *= 3600000;
      printf "%.3f\n", n; found = 1; exit
    }
    END { if (!found) exit 1 }' "$file"
}

wrk_rps() {
  awk '$1 == "Requests/sec:" { print $2; found = 1 } END { if (!found) exit 1 }' "$1"
}

# Average bytes per response (headers included), from "N requests in Ts, X.YZMB read".
wrk_bytes_per_response() {
  awk '$2 == "requests" && $3 == "in" && $NF == "read" {
      v = $(NF - 1); n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
      m = 1
      if (u == "KB") m = 1024; else if (u == "MB") m = 1024 ^ 2;
      else if (u == "GB") m = 1024 ^ 3; else if (u == "TB") m = 1024 ^ 4;
      if ($1 > 0) { printf "%d\n", n * m / $1; found = 1 }
    }
    END { if (!found) exit 1 }' "$1"
}

wrk_count() { # $1 = label prefix such as "Non-2xx", $2 = file; prints 0 if absent
  awk -v label="$1" 'index($1, label) == 1 { n = $NF } END { print n + 0 }' "$2"
}

# Checks a wrk run of page $2 ($3 bytes) by $1 for errors and short answers.
check_wrk() {
  local who=$1 what=$2 bytes=$3 f=$tmp/wrk-$1.txt n avg
  n=$(wrk_count Non-2xx "$f")
  ((n == 0)) || warnings+=("$cfg $what: $who returned $n non-2xx/3xx responses")
  # wrk does not count redirects (such as one to /login) as errors: a short
  # average response means kring did not send the page every time.
  if avg=$(wrk_bytes_per_response "$f") && ((avg < bytes)); then
    warnings+=("$cfg $what: $who sent on average $avg bytes per response, less than the $bytes-byte page")
  fi
  if grep -q 'Socket errors:' "$f"; then
    warnings+=("$cfg $what: $who: $(grep 'Socket errors:' "$f" | sed 's/^[[:space:]]*//')")
  fi
}

median() { # numbers as arguments
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "?"; exit }
    if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# --- one configuration: a backend and a size ----------------------------------------
# $1 = sqlite|postgres, $2 = 0 (the demo) or N (the demo and --scale N)
bench_config() {
  local be=$1 n=$2 db t0 t1 fill_ms first_ms staff adviser
  cfg=$be-$( ((n == 0)) && echo demo || echo "scale$n")
  log "== $cfg =="
  if [[ $be == sqlite ]]; then
    db=$tmp/$cfg.db
  else
    pg_dir=$tmp/pg-$cfg
    db=$(scripts/pg-cluster start "$pg_dir") || die "scripts/pg-cluster start failed"
  fi
  local scale_args=()
  ((n == 0)) || scale_args=(--scale "$n")
  log "filling the database: $KRING_BIN demo ${scale_args[*]}"
  t0=$(now_ms)
  timeout --foreground --kill-after=5 1800 "$KRING_BIN" demo --db "$db" "${scale_args[@]}" \
    >>"$tmp/kring.log" 2>&1 || die "'$KRING_BIN demo --db ... ${scale_args[*]}' failed"
  t1=$(now_ms)
  fill_ms=$((t1 - t0))

  log "starting kring on $host:$kring_port"
  t0=$(now_ms)
  "$KRING_BIN" serve --listen "$host:$kring_port" --db "$db" >>"$tmp/kring.log" 2>&1 &
  kring_pid=$!
  local tries
  for ((tries = 0; tries < 5000; tries++)); do # 2 ms apart: at most ~10 s
    healthz_answers "$kring_port" && break
    kill -0 "$kring_pid" 2>/dev/null || die "kring exited during startup"
    sleep 0.002
  done
  t1=$(now_ms)
  wait_http_ok "$kring_pid" "$kring_url/healthz" kring
  first_ms=$((t1 - t0))

  staff=$(login "$staff_email")
  adviser=$(login "$adviser_email")

  # the pages: name, path, session
  local dir=$tmp/www/$cfg
  mkdir -p "$dir"
  chmod 0755 "$dir"
  local names=() paths=() sessions=()
  add_page() { names+=("$1"); paths+=("$2"); sessions+=("$3"); }
  fetch_page "/o/$org/communities" "$staff" "$dir/list.tmp"
  local community partner round
  community=$(first_id_link communities "$dir/list.tmp")
  [[ -n $community ]] || die "no community on /o/$org/communities"
  fetch_page "/o/$org/partners" "$staff" "$dir/list.tmp"
  partner=$(first_id_link partners "$dir/list.tmp")
  [[ -n $partner ]] || die "no partner on /o/$org/partners"
  fetch_page "/o/$org/meetlat" "$staff" "$dir/list.tmp"
  round=
  local r
  for r in $(grep -o "href=\"/o/$org/meetlat/[0-9]*\"" "$dir/list.tmp" | sed 's/^href="//; s/"$//'); do
    fetch_page "$r" "$staff" "$dir/round.tmp"
    if ! grep -q "href=\"$r/close\"" "$dir/round.tmp"; then
      round=$r
      break
    fi
  done
  [[ -n $round ]] || die "no closed meetlat round on /o/$org/meetlat"
  rm -f "$dir"/*.tmp "$dir"/*.tmp.headers
  add_page home "/o/$org/" "$staff"
  add_page communities "/o/$org/communities" "$staff"
  add_page community "$community" "$staff"
  add_page goals "$community/goals" "$staff" # goals: a community's goals page (step 5)
  add_page plan "$community/plan" "$staff" # plan (issue 11b): a community's project plan
  add_page partner "$partner" "$staff"
  add_page conversations "/o/$org/conversations" "$staff"
  add_page activities "/o/$org/activities" "$staff" # issue 9
  add_page search "/o/$org/search?q=$search_query" "$staff"
  add_page meetlat-round "$round" "$staff"
  add_page adviser "/adviser" "$adviser"
  add_page signals "/o/$org/signals" "$staff" # Aandacht nodig (issue 10)
  # calendar (issue 9): the month calendar of the current month
  add_page calendar "/o/$org/calendar" "$staff"
  add_page dashboard "/o/$org/dashboard" "$staff"
  add_page account-sessions "/account/sessions" "$staff" # accounts (issue 14): where am I logged in
  # privacy (issue 14b): the register, read by the beheerder
  add_page privacy "/o/$org/privacy" "$(login marieke@desleutel.nl)"
  # instruments (issues 12, 13): the own zelftest and a community's pulse
  add_page zelftest "/o/$org/me/zelftest" "$staff"
  add_page pulse "$community/pulse" "$staff"
  # route (issue 12a): Mijn route and my contribution (eight step queries each)
  add_page route "/o/$org/route" "$staff"
  add_page me "/o/$org/me" "$staff"
  add_page public "/p/$org/" "$staff" # public (issue 13): the residents' page, no login needed
  add_page knowledge "/o/$org/knowledge" "$staff" # knowledge (issue 11): the kennisbank
  # workshops (issue 12): the agenda of the demo's pilot workshop, the first of the org
  fetch_page "/o/$org/workshops" "$staff" "$dir/list.tmp"
  local workshop
  workshop=$(grep -o "href=\"/o/$org/workshops/[0-9]*\"" "$dir/list.tmp" | tail -1 | sed 's/^href="//; s/"$//')
  rm -f "$dir"/*.tmp "$dir"/*.tmp.headers
  [[ -n $workshop ]] || die "no workshop on /o/$org/workshops"
  add_page workshop "$workshop" "$staff"

  local i bytes=()
  for i in "${!names[@]}"; do
    fetch_page "${paths[i]}" "${sessions[i]}" "$dir/${names[i]}.html"
    chmod 0644 "$dir/${names[i]}.html"
    bytes[i]=$(wc -c <"$dir/${names[i]}.html" | tr -d ' ')
    if grep -qi '^connection:[[:space:]]*close' "$dir/${names[i]}.html.headers"; then
      warnings+=("$cfg ${names[i]}: kring answers with 'Connection: close' (no keep-alive)")
    fi
    rm -f "$dir/${names[i]}.html.headers"
    curl -fsS --max-time 10 -o "$dir/${names[i]}.copy" "http://$host:$nginx_port/$cfg/${names[i]}.html" ||
      die "nginx did not serve $cfg/${names[i]}.html"
    cmp -s "$dir/${names[i]}.html" "$dir/${names[i]}.copy" ||
      die "nginx did not serve the same bytes as kring for ${names[i]}"
    rm -f "$dir/${names[i]}.copy"
  done

  # interleaved rounds: every page, kring then nginx, round after round
  local round_no k_rps=() k_p50=() k_p99=() n_rps=() ratios=()
  for ((round_no = 1; round_no <= bench_rounds; round_no++)); do
    log "$cfg: round $round_no of $bench_rounds (${#names[@]} pages, ${bench_seconds}s each, kring and nginx)"
    for i in "${!names[@]}"; do
      run_wrk kring "$kring_url${paths[i]}" "$bench_connections" -H "Cookie: kring_session=${sessions[i]}"
      check_wrk kring "${names[i]}" "${bytes[i]}"
      run_wrk nginx "http://$host:$nginx_port/$cfg/${names[i]}.html" "$bench_connections"
      check_wrk nginx "${names[i]}" "${bytes[i]}"
      local kr nr
      kr=$(wrk_rps "$tmp/wrk-kring.txt") || die "no Requests/sec in wrk's output"
      nr=$(wrk_rps "$tmp/wrk-nginx.txt") || die "no Requests/sec in wrk's output"
      k_rps[i]+="$kr "
      n_rps[i]+="$nr "
      k_p50[i]+="$(wrk_latency_ms 50 "$tmp/wrk-kring.txt") "
      k_p99[i]+="$(wrk_latency_ms 99 "$tmp/wrk-kring.txt") "
      ratios[i]+="$(awk -v a="$kr" -v b="$nr" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }') "
    done
  done
  local rss_run rss_many
  rss_run=$(rss_kib "$kring_pid")

  # resident memory under many connections (P3): sampled half-way through a
  # run; node holds them from several loopback addresses, since kring keeps
  # at most 64 per address (wrk connects from one)
  local addrs=$(((many_connections + 63) / 64))
  log "$cfg: $many_connections connections on the home page from $addrs loopback addresses"
  (sleep "$(awk -v s="$bench_seconds" 'BEGIN { print 0.5 + s * 0.75 }')" && rss_kib "$kring_pid" >"$tmp/rss-many") &
  local sampler=$!
  timeout --kill-after=5 "$((bench_seconds + 60))" node bench/storm.mjs hold "$kring_url" "/o/$org/" \
    "kring_session=$staff" "$many_connections" "$bench_seconds" "$addrs" >"$tmp/many.txt" 2>&1 ||
    die "holding $many_connections connections failed: $(cat "$tmp/many.txt")"
  wait "$sampler" || true
  rss_many=$(cat "$tmp/rss-many" 2>/dev/null || echo '?')
  local many
  many=$(cat "$tmp/many.txt")
  [[ $many == *" failed 0" ]] || warnings+=("$cfg $many_connections connections: $many")

  # a login storm (P6): logins at once while wrk reads the home page in
  # short runs until the storm is over; the worst p99 of those runs counts
  log "$cfg: $storm_logins simultaneous logins while the home page is read"
  timeout --kill-after=5 300 node bench/storm.mjs logins "$kring_url" "$storm_logins" \
    "$storm_emails" "$password" >"$tmp/storm.txt" 2>&1 &
  local storm=$! storm_p99=() storm_rps=() runs=0
  sleep 0.5
  while kill -0 "$storm" 2>/dev/null && ((runs < 60)); do
    timeout --kill-after=5 30 wrk "-t$bench_threads" "-c$bench_connections" -d2s --latency \
      -H "Cookie: kring_session=$staff" "$kring_url/o/$org/" >"$tmp/wrk-storm.txt" 2>&1 ||
      die "wrk during the login storm failed"
    storm_p99+=("$(wrk_latency_ms 99 "$tmp/wrk-storm.txt")")
    storm_rps+=("$(wrk_rps "$tmp/wrk-storm.txt")")
    runs=$((runs + 1))
  done
  wait "$storm" || die "the login storm failed: $(cat "$tmp/storm.txt")"
  local storm_line worst
  storm_line=$(cat "$tmp/storm.txt")
  [[ $storm_line == "logins $storm_logins ok $storm_logins "* ]] ||
    warnings+=("$cfg login storm: $storm_line")
  # shellcheck disable=SC2086 # space-separated numbers
  worst=$(printf '%s\n' "${storm_p99[@]:-?}" | sort -g | tail -n 1)
  # shellcheck disable=SC2086
  printf '%s\t%s; home during it: %d runs of 2 s, worst p99 %s ms, median %s req/s\n' "$cfg" \
    "$storm_line" "$runs" "$worst" "$(median ${storm_rps[@]:-0})" >>"$storms"

  kill -0 "$kring_pid" 2>/dev/null || die "kring is no longer running after the $cfg runs"
  for i in "${!names[@]}"; do
    # shellcheck disable=SC2086 # the lists are space-separated numbers
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$cfg" "${names[i]}" "${bytes[i]}" \
      "$(median ${k_rps[i]})" "$(median ${k_p50[i]})" "$(median ${k_p99[i]})" \
      "$(median ${n_rps[i]})" "$(median ${ratios[i]})" >>"$results"
  done
  printf '%s\tfill %s ms (kring demo %s)\tstart to first answer %s ms\tresident memory %s KiB after the runs, %s KiB under %s connections\n' \
    "$cfg" "$fill_ms" "${scale_args[*]:-}" "$first_ms" "$rss_run" "$rss_many" "$many_connections" >>"$notes"

  stop_pid "$kring_pid"
  kring_pid=
  stop_pg
}

started=$(now_ms)
sizes=(0)
((scale == 0)) || sizes+=("$scale")
for be in "${backends[@]}"; do
  for n in "${sizes[@]}"; do
    bench_config "$be" "$n"
  done
done
elapsed=$((($(now_ms) - started) / 1000))

echo
echo "kring bench: wrk -t$bench_threads -c$bench_connections, $bench_rounds interleaved rounds of ${bench_seconds}s per page and target, medians; loopback; ${elapsed}s in all"
echo "ratio = median over the rounds of kring req/s / nginx req/s for the same bytes"
cur=
while IFS=$'\t' read -r c page bytes rps p50 p99 nrps ratio; do
  if [[ $c != "$cur" ]]; then
    cur=$c
    echo
    echo "$c"
    printf '  %-14s %8s %10s %9s %9s %11s %6s\n' page bytes req/s p50_ms p99_ms nginx_req/s ratio
  fi
  printf '  %-14s %8s %10s %9s %9s %11s %6s\n' "$page" "$bytes" "$rps" "$p50" "$p99" "$nrps" "$ratio"
done <"$results"
echo
while IFS=$'\t' read -r c rest; do
  printf '%s: %s\n' "$c" "${rest//$'\t'/; }"
done <"$notes"

if [[ -s $storms ]]; then
  echo
  echo "login storm (P6: other pages' p99 <= 50 ms): $storm_logins logins at once"
  while IFS=$'\t' read -r c rest; do
    printf '%s: %s\n' "$c" "$rest"
  done <"$storms"
fi

# one line per page, one column per configuration: the ratios side by side
configs=$(cut -f1 "$results" | awk '!seen[$0]++')
if (($(echo "$configs" | wc -l) > 1)); then
  echo
  echo "ratio to nginx per configuration"
  awk -F '\t' -v cfgs="$(echo $configs)" '
    BEGIN { n = split(cfgs, c, " "); printf "  %-14s", "page"; for (i = 1; i <= n; i++) printf " %16s", c[i]; print "" }
    { r[$2, $1] = $8; if (!($2 in seen)) { seen[$2] = 1; order[++m] = $2 } }
    END { for (j = 1; j <= m; j++) { printf "  %-14s", order[j]; for (i = 1; i <= n; i++) printf " %16s", r[order[j], c[i]]; print "" } }' "$results"
fi
if ((${#warnings[@]} > 0)); then
  echo
  for w in "${warnings[@]}"; do
    echo "WARNING: $w"
  done
fi
