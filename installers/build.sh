#!/usr/bin/env bash
# Build CodeAct Studio's self-contained app image and installer with jpackage.
#
#   installers/build.sh                    app image + the system's installer (.deb / .dmg / .msi)
#   installers/build.sh --type app-image   only the app image (seconds; no packaging tools needed)
#   installers/build.sh --type deb --type rpm --dest /tmp/out
#
# Options:
#   --type T      app-image, deb, rpm (Linux), dmg, pkg (macOS), msi, exe (Windows); repeatable.
#                 Default: app-image plus deb on Linux, dmg on macOS, msi on Windows.
#   --dest DIR    where the results go (default: target/installers)
#   --no-build    use target/codeact.jar and target/lib as they are; never run Maven
#
# Environment:
#   JAVA_HOME     a JDK >= 25 with jlink and jpackage (else the newest under /usr/lib/jvm)
#   MAIN_CLASS    the desktop launcher's main class (default studio.codeact.gui.Desktop; while
#                 that class is not in the jar the launcher falls back to studio.codeact.cli.Main,
#                 with a warning). It must not extend javafx.application.Application: JavaFX
#                 runs from the class path.
#   MODULES       extra JDK modules for the bundled runtime, comma-separated
#   APP_VERSION   version for the package (default: the jar's, without -SNAPSHOT)
#
# The app image holds a trimmed Java runtime (jlink), the application and library jars
# (JavaFX included, on the class path), the samples, and two launchers:
#   bin/codeact-studio   the desktop app        bin/codeact   the command line (doctor, ask, ...)
# Python is not bundled: the .deb depends on Debian's Python packages (docs/architecture.md); elsewhere the
# app uses the interpreter its settings or CODEACT_PYTHON name (codeact doctor checks it).
#
# Needs: Linux .deb: fakeroot, dpkg-deb; .rpm: rpm-build. macOS .dmg: Xcode command line
# tools. Windows .msi/.exe: the WiX Toolset (3.x, or 4/5 with JDK >= 24) on PATH; run this
# script from Git Bash. See installers/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
CALLER_DIR="$PWD"
cd "$ROOT"

say() { printf 'build.sh [%3ds]: %s\n' "$SECONDS" "$*" >&2; }
die() { say "$*"; exit 1; }

# ---------------------------------------------------------------- options

TYPES=()
DEST="$ROOT/target/installers"
BUILD=1
while (( $# )); do
  case "$1" in
    --type) TYPES+=("${2:?--type needs a value}"); shift 2 ;;
    --dest) DEST="${2:?--dest needs a folder}"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

[[ "$DEST" == /* || "$DEST" =~ ^[A-Za-z]: ]] || DEST="$CALLER_DIR/$DEST"

case "$(uname -s)" in
  Linux) OS=linux ;;
  Darwin) OS=mac ;;
  MINGW*|MSYS*|CYGWIN*) OS=windows ;;
  *) die "unsupported system $(uname -s): jpackage builds for Linux, macOS and Windows" ;;
esac
if (( ${#TYPES[@]} == 0 )); then
  case "$OS" in
    linux) TYPES=(app-image deb) ;;
    mac) TYPES=(app-image dmg) ;;
    windows) TYPES=(app-image msi) ;;
  esac
fi

# Check every requested type before the slow steps.
for type in "${TYPES[@]}"; do
  case "$type" in
    app-image) ;;
    deb)
      [[ "$OS" == linux ]] || die "--type deb needs Linux"
      command -v fakeroot >/dev/null && command -v dpkg-deb >/dev/null \
        || die ".deb needs fakeroot and dpkg-deb: sudo apt-get install -y fakeroot dpkg"
      ;;
    rpm)
      [[ "$OS" == linux ]] || die "--type rpm needs Linux"
      command -v rpmbuild >/dev/null || die ".rpm needs rpmbuild: install rpm-build"
      ;;
    dmg|pkg) [[ "$OS" == mac ]] || die "--type $type needs macOS" ;;
    msi|exe)
      [[ "$OS" == windows ]] || die "--type $type needs Windows"
      command -v candle >/dev/null || command -v wix >/dev/null \
        || die ".$type needs the WiX Toolset on PATH: https://wixtoolset.org (candle/light for WiX 3, wix for WiX 4/5)"
      ;;
    *) die "unknown package type $type (app-image, deb, rpm, dmg, pkg, msi, exe)" ;;
  esac
done

# ---------------------------------------------------------------- JDK

java_major() { sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null || true; }

find_jdk() {
  local home best="" best_major=0 major
  for home in "${JAVA_HOME:-}" /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [[ -n "$home" && -x "$home/bin/jpackage" || -x "$home/bin/jpackage.exe" ]] || continue
    major="$(java_major "$home")"
    [[ -n "$major" ]] && (( major >= 25 )) || continue
    [[ "$home" == "${JAVA_HOME:-}" ]] && { echo "$home"; return; }
    (( major > best_major )) && { best="$home"; best_major=$major; }
  done
  [[ -n "$best" ]] && echo "$best"
}

JDK="$(find_jdk)"
[[ -n "$JDK" ]] || die "needs a JDK 25 or newer with jpackage (set JAVA_HOME); e.g. Eclipse Temurin 25"
export JAVA_HOME="$JDK"
JAR_TOOL="$JDK/bin/jar"

# ---------------------------------------------------------------- the application

JAR="$ROOT/target/codeact.jar"
LIB="$ROOT/target/lib"
stale() {
  [[ -f "$JAR" && -d "$LIB" ]] || return 0
  [[ -n "$(find "$ROOT/pom.xml" "$ROOT/src/main" -newer "$JAR" -print -quit 2>/dev/null)" ]]
}
if (( BUILD )) && stale; then
  say "building the application (mvnw package)"
  "$ROOT/mvnw" -q -B -DskipTests package || die "the Maven build failed; see above"
fi
[[ -f "$JAR" && -d "$LIB" ]] || die "no $JAR and $LIB: build with ./mvnw -DskipTests package, or drop --no-build"

WORK="$DEST/.work"   # staging: input jars, runtime, resources (kept for inspection)
rm -rf "$WORK"
mkdir -p "$WORK/input/lib" "$WORK/resources" "$DEST"
cp "$JAR" "$WORK/input/"
cp "$LIB"/*.jar "$WORK/input/lib/"

has_class() { "$JAR_TOOL" tf "$JAR" | grep -qx "${1//.//}.class"; }
CLI_CLASS=studio.codeact.cli.Main
if [[ -n "${MAIN_CLASS:-}" ]]; then
  has_class "$MAIN_CLASS" || die "MAIN_CLASS=$MAIN_CLASS is not in $JAR"
else
  MAIN_CLASS=studio.codeact.gui.Desktop
  if ! has_class "$MAIN_CLASS"; then
    say "warning: $MAIN_CLASS is not in the jar yet; the desktop launcher starts $CLI_CLASS instead"
    MAIN_CLASS=$CLI_CLASS
  fi
fi

if [[ -z "${APP_VERSION:-}" ]]; then
  (cd "$WORK" && "$JAR_TOOL" xf "$JAR" META-INF/MANIFEST.MF)
  APP_VERSION="$(sed -n 's/^Implementation-Version: *\([0-9.]*\).*/\1/p' "$WORK/META-INF/MANIFEST.MF" | tr -d '\r')"
  APP_VERSION="${APP_VERSION:-0.1.0}"
fi
if [[ "$OS" == mac && "$APP_VERSION" == 0* ]]; then
  die "macOS refuses app versions whose first number is 0 ($APP_VERSION); set APP_VERSION, e.g. APP_VERSION=1.0.0"
fi

# ---------------------------------------------------------------- runtime

# What the code needs (jdeps), plus what it reaches only by reflection or service loading:
# TLS and HTTP for model providers, JavaFX's needs, the JDK HTTP server, JMX for perf figures.
FIXED_MODULES=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.prefs,java.scripting,java.sql,java.xml,jdk.charsets,jdk.httpserver,jdk.management,jdk.net,jdk.unsupported,jdk.zipfs
FOUND_MODULES="$("$JDK/bin/jdeps" --multi-release 25 --ignore-missing-deps --print-module-deps \
                 --recursive --class-path "$LIB/*" "$JAR" 2>/dev/null | tail -n1 || true)"
[[ "$FOUND_MODULES" =~ ^[a-z.,]+$ ]] || { say "warning: jdeps found nothing; using the fixed module list"; FOUND_MODULES=""; }
MODULE_LIST="$(printf '%s' "$FIXED_MODULES,$FOUND_MODULES,${MODULES:-}" | tr ',' '\n' | sed '/^$/d' | sort -u | paste -sd, -)"
say "runtime modules: $MODULE_LIST"
"$JDK/bin/jlink" --add-modules "$MODULE_LIST" --output "$WORK/runtime" \
  --strip-debug --no-header-files --no-man-pages --compress zip-6 \
  || die "jlink failed (a JDK without jmods must be built with --enable-linkable-runtime, as Temurin 25 is)"

# ---------------------------------------------------------------- jpackage

case "$OS" in
  linux) NAME=codeact-studio; ICON="$ROOT/assets/icon-256.png" ;;
  mac) NAME="CodeAct Studio"; ICON="$ROOT/assets/icon.icns" ;;
  windows) NAME="CodeAct Studio"; ICON="$ROOT/assets/icon.ico" ;;
esac
DESCRIPTION="Ask questions about your data; a language model answers with Python code that runs on your machine"
# $APPDIR is expanded by the launcher at start: the folder holding codeact.jar. The samples
# (--app-content) sit next to it: lib/samples on Linux, Contents/samples on macOS.
# JVM crash logs go to the app's log folder ($HOME is expanded by jpackage's launcher, JDK >= 25;
# the app creates the folder at start), never into the working folder of a session.
# The serial collector, as ./codeact: a small heap that a flood of output does not grow (docs/architecture.md).
JAVA_OPTIONS=(--enable-native-access=ALL-UNNAMED -Xss8m -XX:+UseSerialGC '-Dcodeact.samples.dir=$APPDIR/../samples'
              '-XX:ErrorFile=$HOME/.local/state/codeact-studio/hs_err_pid%p.log' -XX:-CreateCoredumpOnCrash)

# The second launcher: the command line (codeact doctor, ask, bench, replay, perf).
cat > "$WORK/codeact-cli.properties" <<EOF
main-class=$CLI_CLASS
description=CodeAct Studio command line
linux-shortcut=false
win-console=true
win-shortcut=false
win-menu=false
EOF

# Samples ship inside the app (lib/samples on Linux), for the demos and first tries.
mkdir -p "$WORK/content/samples"
cp "$ROOT"/samples/*.csv "$ROOT"/samples/*.xlsx "$ROOT"/samples/README.md "$WORK/content/samples/"
cp -r "$ROOT/samples/demos" "$WORK/content/samples/"

java_option_args=()
for option in "${JAVA_OPTIONS[@]}"; do java_option_args+=(--java-options "$option"); done

# Every type is built from the same input and runtime. (Packaging an existing app image with
# --app-image would be faster, but then jpackage gives every launcher a menu entry, the
# command line's too, whatever its linux-shortcut/win-shortcut property says.)
COMMON=(--name "$NAME" --app-version "$APP_VERSION"
        --vendor "CodeAct Studio" --description "$DESCRIPTION" --copyright "CodeAct Studio authors"
        --icon "$ICON"
        --input "$WORK/input" --main-jar codeact.jar --main-class "$MAIN_CLASS"
        --runtime-image "$WORK/runtime"
        --app-content "$WORK/content/samples"
        "${java_option_args[@]}"
        --add-launcher "codeact=$WORK/codeact-cli.properties")

# Runtime needs of the installed app beyond what jpackage finds by itself (it does not see GTK,
# which JavaFX loads at run time, nor the Python that the engines run).
LINUX_DEPS="libgtk-3-0, python3, python3-pandas, python3-sklearn, python3-matplotlib, python3-seaborn, python3-statsmodels, python3-openpyxl, python3-ipykernel, python3-matplotlib-inline, libpython3.11 | libpython3.12 | libpython3.13"

say "main class $MAIN_CLASS, version $APP_VERSION"
for type in "${TYPES[@]}"; do
  args=(--type "$type" --dest "$DEST")
  case "$type" in
    app-image)
      rm -rf "$DEST/app-image"
      args=(--type app-image --dest "$DEST/app-image")
      ;;
    deb|rpm)
      cp "$ROOT/installers/linux/codeact-studio.desktop" "$WORK/resources/$NAME.desktop"
      args+=(--resource-dir "$WORK/resources"
             --linux-package-name codeact-studio --linux-shortcut
             --linux-app-category science --linux-menu-group "Science;DataVisualization;"
             --linux-package-deps "$LINUX_DEPS")
      [[ -n "${MAINTAINER_EMAIL:-}" ]] && args+=(--linux-deb-maintainer "$MAINTAINER_EMAIL")
      ;;
    dmg|pkg)
      args+=(--mac-package-identifier studio.codeact.desktop --mac-package-name "CodeAct Studio")
      [[ -n "${MAC_SIGNING_KEY_USER_NAME:-}" ]] && args+=(--mac-sign --mac-signing-key-user-name "$MAC_SIGNING_KEY_USER_NAME")
      ;;
    msi|exe)
      args+=(--win-menu --win-menu-group "CodeAct Studio" --win-shortcut --win-dir-chooser
             --win-per-user-install --win-upgrade-uuid 5c0b3a58-2f7e-4d53-9a52-6c0a7d3e8b41)
      ;;
  esac
  say "building $type"
  "$JDK/bin/jpackage" "${args[@]}" "${COMMON[@]}"
done

say "done; results in $DEST"
ls -1 "$DEST" >&2
