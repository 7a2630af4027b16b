# nginx (Debian's nginx-light, DAV module built in) as a write-once WebDAV cache for the tests: PUT
# and DELETE under /cache/, atomic (its body temp path is on the root's file system), a PUT to an
# existing key answered 409 with the content kept, and a bearer token required. Started with a
# private prefix on 127.0.0.1 and a free port; stopped by PID. (../shared/ENVIRONMENT.md)
# Usage: start_dav DIR TOKEN -> DAV_URL, DAV_PID, DAV_ROOT; stop_dav.

start_dav() {
  local dir="$1" token="$2" port user_line=""
  command -v nginx >/dev/null || { echo "skipped: nginx is not installed (ci/setup.sh installs nginx-light)"; exit 77; }
  mkdir -p "$dir/root/cache" "$dir/body-temp" "$dir/logs"
  [[ "$(id -u)" == 0 ]] && user_line="user root;"
  for _ in 1 2 3; do
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
    cat >"$dir/nginx.conf" <<CONF
$user_line
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log;
events { worker_connections 64; }
http {
  access_log $dir/logs/access.log;
  client_body_temp_path $dir/body-temp;
  client_max_body_size 0;
  server {
    listen 127.0.0.1:$port;
    root $dir/root;
    location /cache/ {
      dav_methods PUT DELETE;
      create_full_put_path on;
      dav_access user:rw group:r all:r;
      if (\$http_authorization != "Bearer $token") { return 401; }
      set \$x "";
      if (-f \$request_filename) { set \$x "E"; }
      if (\$request_method = PUT) { set \$x "\${x}P"; }
      if (\$x = "EP") { return 409; }
    }
  }
}
CONF
    nginx -p "$dir" -e "$dir/logs/error.log" -c "$dir/nginx.conf" -g 'daemon off;' 2>>"$dir/logs/stderr.log" &
    DAV_PID=$!
    DAV_URL="http://127.0.0.1:$port/cache"
    DAV_ROOT="$dir/root/cache"
    for _ in $(seq 100); do
      kill -0 "$DAV_PID" 2>/dev/null || break
      if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/"; then return 0; fi
      sleep 0.1
    done
    stop_dav
  done
  cat "$dir/logs/stderr.log" "$dir/logs/error.log" >&2 2>/dev/null || true
  echo "FAIL: nginx did not start" >&2
  exit 1
}

stop_dav() {
  [[ -n "${DAV_PID:-}" ]] || return 0
  kill "$DAV_PID" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$DAV_PID" 2>/dev/null || break; sleep 0.1; done
  DAV_PID=""
}
