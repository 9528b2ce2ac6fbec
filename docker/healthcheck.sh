#!/usr/bin/env bash
# Container health check of every process of the platform: GET /actuator/health on the process's own port and
# healthy only on "200" with status UP. Plain bash (/dev/tcp), so the runtime image needs no curl or wget.
# The port comes from TRIAL_HEALTH_PORT (the image sets it from its PORT build argument; compose may override it).
set -euo pipefail
port="${TRIAL_HEALTH_PORT:?TRIAL_HEALTH_PORT is not set}"
path="${TRIAL_HEALTH_PATH:-/actuator/health}"
exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\nConnection: close\r\n\r\n' "${path}" >&3
response="$(timeout 4 cat <&3)"
exec 3<&-
[[ "${response}" == "HTTP/1.1 200"* && "${response}" == *'"status":"UP"'* ]]
