# Sourced by scripts/run and scripts/test: installs what SafeSocial needs from Debian when it is missing,
# or says exactly what to install when it cannot (not root).
set -euo pipefail

need_apt=()
have_postgres() { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; }

require_tools() {
  command -v dotnet >/dev/null || { echo "SafeSocial needs the .NET 10 SDK: see https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2; exit 1; }
  command -v npm >/dev/null || { echo "SafeSocial needs Node.js 20 with npm (for GOV.UK Frontend)." >&2; exit 1; }
  have_postgres || need_apt+=(postgresql)
  for pkg in "$@"; do
    case "$pkg" in
      chromium) command -v chromium >/dev/null || need_apt+=(chromium) ;;
      wrk) command -v wrk >/dev/null || need_apt+=(wrk) ;;
    esac
  done
  [ ${#need_apt[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing from Debian: ${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    echo "Installing from Debian with sudo: ${need_apt[*]}"
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "SafeSocial needs these Debian packages: ${need_apt[*]}" >&2
    echo "Install them as root, then run this again:  sudo apt-get install ${need_apt[*]}" >&2
    exit 1
  fi
}
