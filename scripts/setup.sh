#!/usr/bin/env bash
# Everything the tests need on a fresh Debian machine: the Debian packages (numpy/scipy/
# scikit-image, dask/xarray/zarr/tifffile for the benchmark baselines, scipy cross-checks and
# files written by other tools; Slurm and munge for the batch tests; Chromium for the browser
# tests, Jupyter's server and nbclient for the tslab notebooks and the JupyterLab page), then
# the npm workspace. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(python3-numpy python3-scipy python3-skimage chromium
  python3-jupyter-server python3-jupyterlab-server python3-nbclient jupyter-nbconvert jupyter-client
  python3-ipython python3-dask python3-xarray python3-zarr python3-tifffile
  slurmctld slurmd slurm-client munge)
if command -v apt-get >/dev/null; then
  as_root=()
  [ "$(id -u)" = 0 ] || as_root=(sudo)
  echo "== apt-get install ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
else
  echo "(no apt-get: install ${packages[*]} yourself; tests that need them say so)"
fi

echo "== npm ci"
npm ci --no-audit --no-fund
