#!/usr/bin/env bash
# Runs once, when the PostgreSQL volume is initialised (/docker-entrypoint-initdb.d): one database and one login
# role per service, so that a service cannot read another service's event store. The passwords come from the
# environment of the postgres container (<SERVICE>_DB_PASSWORD, the same values the services get as
# TRIAL_EVENT_STORE_PASSWORD). The tables are made by each service's Flyway migrations at its first start.
# To add a service later on an existing volume, run the same statements by hand (this script does not re-run).
set -euo pipefail

services="${TRIAL_DATABASES:-enrollment infusion safety outcomes}"

for service in ${services}; do
  password_variable="${service^^}_DB_PASSWORD"
  password="${!password_variable:-}"
  if [[ -z "${password}" ]]; then
    echo "init-databases: ${password_variable} is not set" >&2
    exit 1
  fi
  echo "init-databases: database ${service}, owned by role ${service}"
  psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
       --set=role="${service}" --set=password="${password}" --set=db="${service}" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"db" OWNER :"role";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO :"role";
SQL
done
