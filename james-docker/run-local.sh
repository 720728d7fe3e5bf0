#!/usr/bin/env bash
# Builds the Bounce Guard extension, assembles Apache James 3.8.1 (memory server) from Maven
# Central and starts it in the foreground with the project's conf/ on the embedded H2 store.
#   SMTP      127.0.0.1:2525
#   WebAdmin  127.0.0.1:8000
#   store     james-docker/run/var/bounce-guard/ (H2 file database)
# Stop it with Ctrl-C. Needs only JDK 17+ and Maven.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
run="$here/run"
demo_user="${BOUNCE_GUARD_DEMO_USER:-news@james.local}"

echo "[bounce-guard] building the extension jar"
mvn -q -B -f "$root/pom.xml" -pl mailets -am -DskipTests package

if [ ! -f "$here/lib/.complete" ]; then
    echo "[bounce-guard] fetching James 3.8.1 from Maven Central into james-docker/lib (once, ~120 MB)"
    mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$here/lib"
    touch "$here/lib/.complete"
fi

mkdir -p "$run/conf" "$run/extensions-jars"
cp "$root"/conf/* "$run/conf/"
rm -f "$run"/extensions-jars/*.jar
cp "$root"/mailets/target/bounce-guard-mailets-*.jar "$run/extensions-jars/"
cp "$root"/mailets/target/extensions-jars/*.jar "$run/extensions-jars/"

if command -v curl >/dev/null 2>&1; then
    # once WebAdmin answers, create the demo sender that bounces come back to
    (
        for _ in $(seq 1 120); do
            if curl -fs -o /dev/null http://127.0.0.1:8000/healthcheck; then
                curl -fs -o /dev/null -X PUT -H 'Content-Type: application/json' \
                    -d '{"password":"change-me"}' "http://127.0.0.1:8000/users/$demo_user" \
                    && echo "[bounce-guard] James is up: SMTP 127.0.0.1:2525, WebAdmin 127.0.0.1:8000, user $demo_user"
                exit 0
            fi
            sleep 1
        done
    ) &
fi

cd "$run"
exec java -Xmx512m -Dworking.directory=. -Dlogback.configurationFile=conf/logback.xml \
    -cp "$here/lib/*" org.apache.james.MemoryJamesServerMain
