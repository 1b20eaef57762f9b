# Sourced by ./regie, ./mvnw and .ci/run: make JAVA_HOME point at a JDK >= 21.
# Order: $JAVA_HOME if it is new enough, then `java` on the PATH, then the
# usual install folders (newest first). Prints nothing when all is well.
regie_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = //p' | head -n 1 | cut -d. -f1
}
regie_find_jdk() {
  local c v
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(regie_java_major "$JAVA_HOME"); [ "${v:-0}" -ge 21 ] 2>/dev/null && return 0
  fi
  if command -v javac >/dev/null 2>&1; then
    c=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(regie_java_major "$c"); if [ "${v:-0}" -ge 21 ] 2>/dev/null; then export JAVA_HOME="$c"; return 0; fi
  fi
  for c in $(ls -d /usr/lib/jvm/*/ /opt/java/*/ /opt/jdk*/ "$HOME"/.sdkman/candidates/java/*/ 2>/dev/null | sort -rV); do
    c=${c%/}
    [ -x "$c/bin/javac" ] || continue
    v=$(regie_java_major "$c"); if [ "${v:-0}" -ge 21 ] 2>/dev/null; then export JAVA_HOME="$c"; return 0; fi
  done
  echo "regie: no JDK 21 or newer found; install one (Temurin 25 recommended) or set JAVA_HOME" >&2
  return 1
}
