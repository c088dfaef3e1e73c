#!/usr/bin/env bash
# Throughput benchmark: kring's logged-in organisation home page versus nginx
# serving the very same bytes as a static file. Loopback only, bounded time.
# See bench/README.md.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

KRING_BIN=${KRING_BIN:-build/kring}
bench_seconds=${BENCH_SECONDS:-10}
bench_connections=${BENCH_CONNECTIONS:-64}
bench_threads=${BENCH_THREADS:-2}
kring_port=${KRING_BENCH_PORT:-18080}
nginx_port=${NGINX_BENCH_PORT:-18081}
nginx_bin=${NGINX_BIN:-/usr/sbin/nginx}

org_path=/o/de-sleutel/
login_email=sascha@desleutel.nl
login_password=welkom-in-de-bieb
host=127.0.0.1

tmp=
kring_pid=
nginx_pid=
wrk_pid=

log() { printf 'bench: %s\n' "$*" >&2; }

die() {
  printf 'bench: error: %s\n' "$*" >&2
  if [[ -n $tmp && -s $tmp/kring.log ]]; then
    printf 'bench: last lines of the kring log:\n' >&2
    tail -n 20 "$tmp/kring.log" >&2 || true
  fi
  local f
  for f in nginx.out nginx-error.log; do
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

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$wrk_pid"
  stop_pid "$nginx_pid"
  stop_pid "$kring_pid"
  if [[ -n $tmp && -d $tmp ]]; then
    rm -rf -- "$tmp"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

is_uint() { [[ $1 =~ ^[0-9]+$ ]]; }

check_uint() { # $1 = env variable name, $2 = value
  if ! is_uint "$2" || (($2 == 0)); then
    die "$1 must be a positive integer, got '$2'"
  fi
}
check_uint BENCH_SECONDS "$bench_seconds"
check_uint BENCH_CONNECTIONS "$bench_connections"
check_uint BENCH_THREADS "$bench_threads"
check_uint KRING_BENCH_PORT "$kring_port"
check_uint NGINX_BENCH_PORT "$nginx_port"
((kring_port < 65536 && nginx_port < 65536)) || die "ports must be below 65536"
((kring_port != nginx_port)) || die "KRING_BENCH_PORT and NGINX_BENCH_PORT must differ"
((bench_connections >= bench_threads)) ||
  die "BENCH_CONNECTIONS ($bench_connections) must be >= BENCH_THREADS ($bench_threads)"

for tool in curl wrk cmp awk sed timeout; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found (Debian: apt-get install curl wrk diffutils gawk sed coreutils)"
done
[[ -x $nginx_bin ]] || die "nginx not found at $nginx_bin (Debian: apt-get install nginx-light)"
[[ -f $KRING_BIN && -x $KRING_BIN ]] || die "kring binary not found or not executable: $KRING_BIN (build it first)"

port_in_use() {
  # A successful TCP connect means someone already listens there.
  (exec 3<>"/dev/tcp/$host/$1") 2>/dev/null
}
port_in_use "$kring_port" && die "port $kring_port on $host is already in use (set KRING_BENCH_PORT)"
port_in_use "$nginx_port" && die "port $nginx_port on $host is already in use (set NGINX_BENCH_PORT)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kring-bench.XXXXXX")
mkdir -p "$tmp/www"

# Wait (bounded, ~10 s) until $2 answers with HTTP 200 while process $1 lives.
wait_http_ok() {
  local pid=$1 url=$2 what=$3 i
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || die "$what exited during startup"
    if curl -fsS --max-time 1 -o /dev/null "$url" 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  die "$what did not answer on $url within 10 s"
}

# --- kring -------------------------------------------------------------------
kring_url=http://$host:$kring_port
log "creating demo data with $KRING_BIN demo"
timeout --foreground --kill-after=5 60 "$KRING_BIN" demo --db "$tmp/kring.db" >>"$tmp/kring.log" 2>&1 ||
  die "'$KRING_BIN demo --db ...' failed"

log "starting kring on $host:$kring_port"
"$KRING_BIN" serve --listen "$host:$kring_port" --db "$tmp/kring.db" >>"$tmp/kring.log" 2>&1 &
kring_pid=$!
wait_http_ok "$kring_pid" "$kring_url/healthz" kring
health=$(curl -fsS --max-time 5 "$kring_url/healthz") || die "GET /healthz failed"
[[ $health == ok* ]] || die "GET /healthz answered '$health', expected 'ok'"

# --- log in ------------------------------------------------------------------
jar=$tmp/cookies.txt
curl -fsS --max-time 10 -c "$jar" -b "$jar" -o "$tmp/login.html" "$kring_url/login" ||
  die "GET /login failed"
# Accept the attributes of the hidden csrf input in any order.
csrf=$(grep -o '<input[^>]*name="csrf"[^>]*>' "$tmp/login.html" |
  sed -n 's/.*value="\([^"]*\)".*/\1/p' | head -n 1) || true
[[ -n $csrf ]] || die "no csrf token (<input type=\"hidden\" name=\"csrf\" value=\"...\">) on the login page"
grep -q 'kring_anon' "$jar" || log "warning: GET /login set no kring_anon cookie"

status=$(curl -sS --max-time 10 -c "$jar" -b "$jar" -o "$tmp/login-post.html" -w '%{http_code}' \
  --data-urlencode "email=$login_email" \
  --data-urlencode "password=$login_password" \
  --data-urlencode "csrf=$csrf" \
  "$kring_url/login") || die "POST /login failed"
[[ $status == 303 ]] || die "POST /login answered HTTP $status, expected 303"
# Cookie-jar lines: domain flag path secure expiry name value (HttpOnly ones
# start with '#HttpOnly_', so do not drop comment-looking lines).
session=$(awk -F '\t' '$6 == "kring_session" { v = $7 } END { print v }' "$jar")
[[ -n $session ]] || die "POST /login set no kring_session cookie"
cookie_header="Cookie: kring_session=$session"
log "logged in as $login_email"

# --- the page ----------------------------------------------------------------
page_url=$kring_url$org_path
status=$(curl -sS --max-time 10 -H "$cookie_header" -D "$tmp/page.headers" \
  -o "$tmp/www/home.html" -w '%{http_code}' "$page_url") || die "GET $org_path failed"
[[ $status == 200 ]] || die "GET $org_path with the session cookie answered HTTP $status, expected 200"
page_bytes=$(wc -c <"$tmp/www/home.html" | tr -d ' ')
((page_bytes > 0)) || die "GET $org_path returned an empty body"
if grep -q 'name="password"' "$tmp/www/home.html"; then
  die "GET $org_path returned a page with a password field: not logged in?"
fi
log "$org_path is $page_bytes bytes"

warnings=()
if grep -qi '^connection:[[:space:]]*close' "$tmp/page.headers"; then
  warnings+=("kring answers with 'Connection: close' (no keep-alive)")
fi
if grep -qi '^content-encoding:' "$tmp/page.headers"; then
  warnings+=("kring sent a Content-Encoding although none was asked for")
fi
# Two requests in one curl run: the second should reuse the connection.
connects=$(curl -sS --max-time 10 -H "$cookie_header" -o /dev/null -o /dev/null \
  -w '%{num_connects}\n' "$page_url" "$page_url" | tr '\n' ' ') ||
  die "keep-alive probe of $org_path failed"
if [[ $connects != "1 0 " ]]; then
  warnings+=("kring did not keep the connection alive between two requests (connects per request: ${connects% })")
fi

# --- nginx -------------------------------------------------------------------
# Worker processes may run as an unprivileged user (when started as root):
# let them reach $tmp/www without being able to list $tmp.
chmod 0711 "$tmp"
chmod 0755 "$tmp/www"
chmod 0644 "$tmp/www/home.html"
mkdir -p "$tmp/nginx-temp"
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

nginx_url=http://$host:$nginx_port/home.html
"$nginx_bin" -t -q -c "$tmp/nginx.conf" -p "$tmp" -e "$tmp/nginx-error.log" >>"$tmp/nginx.out" 2>&1 ||
  die "nginx rejected the generated config $tmp/nginx.conf"
log "starting nginx on $host:$nginx_port"
"$nginx_bin" -c "$tmp/nginx.conf" -p "$tmp" -e "$tmp/nginx-error.log" >>"$tmp/nginx.out" 2>&1 &
nginx_pid=$!
wait_http_ok "$nginx_pid" "$nginx_url" nginx
curl -fsS --max-time 10 -o "$tmp/nginx-copy.html" "$nginx_url" || die "GET $nginx_url failed"
cmp -s "$tmp/www/home.html" "$tmp/nginx-copy.html" || die "nginx did not serve the same bytes as kring"

# --- wrk -----------------------------------------------------------------------
# Prints wrk's output and stores it in $tmp/wrk-$1.txt.
run_wrk() {
  local name=$1 url=$2
  shift 2
  log "wrk: $name, ${bench_seconds}s, $bench_connections connections, $bench_threads threads"
  # In the background so that a signal to this script is handled at once.
  timeout --kill-after=5 "$((bench_seconds + 30))" \
    wrk "-t$bench_threads" "-c$bench_connections" "-d${bench_seconds}s" --latency "$@" "$url" \
    >"$tmp/wrk-$name.txt" 2>&1 &
  wrk_pid=$!
  if ! wait "$wrk_pid"; then
    wrk_pid=
    cat "$tmp/wrk-$name.txt" >&2
    die "wrk against $name failed"
  fi
  wrk_pid=
  sed 's/^/  /' "$tmp/wrk-$name.txt"
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

# Resident memory of a process in KiB ("?" where /proc is not there).
rss_kib() {
  awk '$1 == "VmRSS:" { print $2; found = 1 } END { if (!found) print "?" }' "/proc/$1/status" 2>/dev/null || echo '?'
}

kring_rss_before=$(rss_kib "$kring_pid")
run_wrk kring "$page_url" -H "$cookie_header"
kring_rss_after=$(rss_kib "$kring_pid")
run_wrk nginx "$nginx_url"

declare -A rps p50 p99
for name in kring nginx; do
  f=$tmp/wrk-$name.txt
  rps[$name]=$(wrk_rps "$f") || die "could not parse Requests/sec from wrk output for $name"
  p50[$name]=$(wrk_latency_ms 50 "$f") || die "could not parse the 50% latency for $name"
  p99[$name]=$(wrk_latency_ms 99 "$f") || die "could not parse the 99% latency for $name"
  non2xx=$(wrk_count Non-2xx "$f")
  if ((non2xx > 0)); then
    warnings+=("$name returned $non2xx non-2xx/3xx responses during the run")
  fi
  # wrk does not count redirects (such as one to /login) as errors: a short
  # average response means kring did not send the page every time.
  if avg=$(wrk_bytes_per_response "$f") && ((avg < page_bytes)); then
    warnings+=("$name sent on average $avg bytes per response, less than the $page_bytes-byte page")
  fi
  if grep -q 'Socket errors:' "$f"; then
    warnings+=("$name: $(grep 'Socket errors:' "$f" | sed 's/^[[:space:]]*//')")
  fi
done

kill -0 "$kring_pid" 2>/dev/null || warnings+=("kring is no longer running after the benchmark")
status=$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -H "$cookie_header" "$page_url" 2>/dev/null) || status=none
[[ $status == 200 ]] || warnings+=("after the run, GET $org_path answered HTTP $status")

ratio=$(awk -v a="${rps[kring]}" -v b="${rps[nginx]}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')

echo
echo "kring bench: GET $org_path (logged in), ${bench_seconds}s, $bench_connections connections, $bench_threads wrk threads, loopback"
echo "page size: $page_bytes bytes"
printf '%-8s %12s %10s %10s\n' target req/s p50_ms p99_ms
for name in kring nginx; do
  printf '%-8s %12s %10s %10s\n' "$name" "${rps[$name]}" "${p50[$name]}" "${p99[$name]}"
done
echo "ratio kring/nginx: $ratio"
echo "kring resident memory: ${kring_rss_before} KiB before, ${kring_rss_after} KiB after its run"
if ((${#warnings[@]} > 0)); then
  echo
  for w in "${warnings[@]}"; do
    echo "WARNING: $w"
  done
fi
