"""Seed section: the seed's own scenario with its real peers, xarray + dask and numpy/scipy.

Run by bench/seed.ts (`python3 baseline_seed.py SIZE FRAMES DIR`) before nima-ts is timed.
Writes the stack once as zarr v2 stores that both sides then read lazily, one chunk per plane
(T, C, 1, Y, X), float64: DIR/stack_raw.zarr (no compressor) and DIR/stack_zstd.zarr (zstd
level 1), plus dark.npy and flat.npy (C, Y, X). Needs numpy, scipy, zarr, dask and xarray
(Debian's python3-*); without dask/xarray/zarr only the numpy rows are timed.
"""

import os
import threading

import numpy as np
from baseline_common import directory, emit, frames, size, timed, times, values
from scipy import ndimage

ny = nx = size
nt = frames
nc = 3
disk1 = np.array([[0, 1, 0], [1, 1, 1], [0, 1, 0]], dtype=bool)
rng = np.random.default_rng(0)
dark = rng.random((nc, ny, nx)) * 0.1
flat = 0.5 + rng.random((nc, ny, nx))
np.save(f"{directory}/dark.npy", dark)
np.save(f"{directory}/flat.npy", flat)


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class PeakRss:
    """Samples this process's RSS every 20 ms while a block runs (as the nima-ts side does)."""

    def __enter__(self):
        self.base = rss_bytes()
        self.peak = self.base
        self.running = True
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()
        return self

    def sample(self):
        while self.running:
            self.peak = max(self.peak, rss_bytes())
            threading.Event().wait(0.02)

    def __exit__(self, *exc):
        self.running = False
        self.thread.join()


# numpy in memory: the in-memory rows compare with this.
im = rng.random((nc, ny, nx))
timed("shading_timepoint_numpy", lambda: np.clip((im - dark) / flat, 0, None), repeats=5)
timed(
    "median_disk1_plane_scipy",
    lambda: ndimage.median_filter(im[0], footprint=disk1, mode="reflect"),
    repeats=5,
)

try:
    import dask
    import dask.array as da
    import numcodecs
    import xarray as xr
    import zarr
except ImportError:
    emit()
    raise SystemExit(0)

stores = {"raw": None, "zstd": numcodecs.Zstd(level=1)}
for name, compressor in stores.items():
    z = zarr.open(
        f"{directory}/stack_{name}.zarr",
        mode="w",
        shape=(nt, nc, 1, ny, nx),
        chunks=(1, 1, 1, ny, nx),
        dtype="<f8",
        compressor=compressor,
    )
    z.attrs["_ARRAY_DIMENSIONS"] = ["T", "C", "Z", "Y", "X"]
    for t in range(nt):
        z[t] = np.random.default_rng(100 + t).random((nc, 1, ny, nx))

dims = ["T", "C", "Z", "Y", "X"]
xdark = xr.DataArray(dark[:, None], dims=["C", "Z", "Y", "X"])
xflat = xr.DataArray(flat[:, None], dims=["C", "Z", "Y", "X"])


def open_stack(name):
    return xr.DataArray(da.from_zarr(f"{directory}/stack_{name}.zarr"), dims=dims)


def shading(x):
    return ((x - xdark) / xflat).clip(min=0)


def median(x):
    return xr.apply_ufunc(
        lambda p: ndimage.median_filter(p, footprint=disk1[(None,) * (p.ndim - 2)], mode="reflect"),
        x,
        dask="parallelized",
        output_dtypes=[np.float64],
    )


# dask's default scheduler for arrays: threads, one per core.
with dask.config.set(scheduler="threads"):
    for name in stores:
        stack = open_stack(name)
        timed(f"shading_timepoint_{name}", lambda: shading(stack.isel(T=0)).compute(), repeats=3)
        timed(
            f"median_plane_{name}",
            lambda: median(stack.isel(T=0, C=0, Z=0)).compute(),
            repeats=3,
        )

    stack = open_stack("raw")
    timed(
        "graph_shading_median",
        lambda: dict(median(shading(stack)).data.__dask_graph__()),
        repeats=3,
    )
    for name in stores:
        stack = open_stack(name)
        with PeakRss() as rss:
            timed(
                f"stack_streamed_{name}",
                lambda: median(shading(stack)).max(["Y", "X"]).compute(),
                repeats=1,
            )
        values[f"stack_streamed_{name}_rss_above_start"] = rss.peak - rss.base

    # Per-task overhead: an elementwise op over many tiny chunks.
    tiny = da.ones((4000, 16), chunks=(1, 16))
    timed("tiny_chunks", lambda: (tiny + 1).sum(axis=1).compute(), repeats=3)

emit()
