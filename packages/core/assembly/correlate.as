// AssemblyScript source of the SIMD kernels behind gaussianFilter (compiled at build time by
// scripts/build-wasm.mjs, like the rank kernels; the .as extension keeps it out of tsc and biome). Both passes compute, per pixel,
//   out = in[0]*w[0] + sum_{j=r..1} (in[-j] + in[+j]) * w[j]
// in exactly scipy's order (NI_Correlate1D, symmetric branch), so results are bit-identical to
// scipy; f64x2 lanes only hold independent pixels. Memory is managed by the caller (raw
// pointers, no allocator).

// Vertical pass (axis 0) for small kernels, src -> dst. rowTable[i] is the byte address of the source row for
// padded row i - r (boundary mode already applied, or a row of cval), so no per-pixel branch.
// Columns are processed in strips of `strip` pixels (a multiple of 8) so the 2r+2 source row
// segments a pair of output rows needs stay in cache while the strip is walked down.
export function columns(dst: usize, rowTable: usize, weights: usize, ny: i32, nx: i32, r: i32, strip: i32, scratch: usize): void {
  // scratch: the weights splatted to f64x2 (16 bytes per tap), then per row pair the
  // addresses of the two rows each tap loads (8 bytes per tap)
  const splat = scratch;
  const pairs = scratch + ((<usize>(r + 1)) << 4);
  splatWeights(weights, r, splat);
  for (let x0 = 0; x0 < nx; x0 += strip) {
    const x1 = min(x0 + strip, nx);
    const x4 = x0 + ((x1 - x0) & ~3);
    let y = 0;
    for (; y + 1 < ny; y += 2) {
      columnsPair(dst, rowTable, splat, pairs, y, nx, r, x0, x4);
      if (x4 < x1) {
        columnsRow(dst, rowTable, weights, y, nx, r, x4, x1);
        columnsRow(dst, rowTable, weights, y + 1, nx, r, x4, x1);
      }
    }
    if (y < ny) columnsRow(dst, rowTable, weights, y, nx, r, x0, x1);
  }
}

// Output rows y and y+1 together, 4 pixels at a time. Row y needs (y-j, y+j) at tap j and
// row y+1 needs (y+1-j, y+1+j); walking j downwards, y+1-j is row y's next "up" row and y+j
// row y+1's next "down" row, so each tap loads two new rows instead of four.
// @ts-ignore: decorator
@inline function columnsPair(dst: usize, rowTable: usize, splat: usize, pairs: usize, y: i32, nx: i32, r: i32, x0: i32, x1: i32): void {
  for (let j = r; j >= 1; j--) {
    store<u32>(pairs + ((<usize>j) << 3), load<u32>(rowTable + ((<usize>(y + r + j)) << 2))); // y + j
    store<u32>(pairs + ((<usize>j) << 3), load<u32>(rowTable + ((<usize>(y + 1 + r - j)) << 2)), 4); // y + 1 - j
  }
  const w0 = v128.load(splat);
  const c0 = <usize>load<u32>(rowTable + ((<usize>(y + r)) << 2));
  const c1 = <usize>load<u32>(rowTable + ((<usize>(y + 1 + r)) << 2));
  const top = <usize>load<u32>(rowTable + ((<usize>y) << 2)); // row y - r
  const bottom = <usize>load<u32>(rowTable + ((<usize>(y + 1 + 2 * r)) << 2)); // row y + 1 + r
  const out0 = dst + ((<usize>y * <usize>nx) << 3);
  const out1 = out0 + ((<usize>nx) << 3);
  for (let x = x0; x < x1; x += 4) {
    const off = (<usize>x) << 3;
    let p0 = f64x2.mul(v128.load(c0 + off), w0);
    let p1 = f64x2.mul(v128.load(c0 + off, 16), w0);
    let q0 = f64x2.mul(v128.load(c1 + off), w0);
    let q1 = f64x2.mul(v128.load(c1 + off, 16), w0);
    let up0 = v128.load(top + off); // row y - j, for row y
    let up1 = v128.load(top + off, 16);
    let dn0 = v128.load(bottom + off); // row y + 1 + j, for row y + 1
    let dn1 = v128.load(bottom + off, 16);
    let pair = pairs + ((<usize>r) << 3);
    let wp = splat + ((<usize>r) << 4);
    while (pair > pairs) {
      const rowB = <usize>load<u32>(pair) + off;
      const rowC = <usize>load<u32>(pair, 4) + off;
      const wj = v128.load(wp);
      const b0 = v128.load(rowB);
      const b1 = v128.load(rowB, 16);
      const c0v = v128.load(rowC);
      const c1v = v128.load(rowC, 16);
      p0 = f64x2.add(p0, f64x2.mul(f64x2.add(up0, b0), wj));
      p1 = f64x2.add(p1, f64x2.mul(f64x2.add(up1, b1), wj));
      q0 = f64x2.add(q0, f64x2.mul(f64x2.add(c0v, dn0), wj));
      q1 = f64x2.add(q1, f64x2.mul(f64x2.add(c1v, dn1), wj));
      up0 = c0v;
      up1 = c1v;
      dn0 = b0;
      dn1 = b1;
      pair -= 8;
      wp -= 16;
    }
    v128.store(out0 + off, p0);
    v128.store(out0 + off, p1, 16);
    v128.store(out1 + off, q0);
    v128.store(out1 + off, q1, 16);
  }
}

function columnsRow(dst: usize, rowTable: usize, weights: usize, y: i32, nx: i32, r: i32, x0: i32, x1: i32): void {
  const w0 = f64x2.splat(load<f64>(weights));
  const center = <usize>load<u32>(rowTable + ((<usize>(y + r)) << 2));
  const out = dst + ((<usize>y * <usize>nx) << 3);
  const end8 = x0 + ((x1 - x0) & ~7);
  const end2 = x0 + ((x1 - x0) & ~1);
  let x = x0;
  for (; x < end8; x += 8) {
    const off = (<usize>x) << 3;
    let a0 = f64x2.mul(v128.load(center + off), w0);
    let a1 = f64x2.mul(v128.load(center + off, 16), w0);
    let a2 = f64x2.mul(v128.load(center + off, 32), w0);
    let a3 = f64x2.mul(v128.load(center + off, 48), w0);
    for (let j = r; j >= 1; j--) {
      const up = <usize>load<u32>(rowTable + ((<usize>(y + r - j)) << 2)) + off;
      const dn = <usize>load<u32>(rowTable + ((<usize>(y + r + j)) << 2)) + off;
      const wj = f64x2.splat(load<f64>(weights + ((<usize>j) << 3)));
      a0 = f64x2.add(a0, f64x2.mul(f64x2.add(v128.load(up), v128.load(dn)), wj));
      a1 = f64x2.add(a1, f64x2.mul(f64x2.add(v128.load(up, 16), v128.load(dn, 16)), wj));
      a2 = f64x2.add(a2, f64x2.mul(f64x2.add(v128.load(up, 32), v128.load(dn, 32)), wj));
      a3 = f64x2.add(a3, f64x2.mul(f64x2.add(v128.load(up, 48), v128.load(dn, 48)), wj));
    }
    v128.store(out + off, a0);
    v128.store(out + off, a1, 16);
    v128.store(out + off, a2, 32);
    v128.store(out + off, a3, 48);
  }
  for (; x < end2; x += 2) {
    const off = (<usize>x) << 3;
    let a = f64x2.mul(v128.load(center + off), w0);
    for (let j = r; j >= 1; j--) {
      const up = <usize>load<u32>(rowTable + ((<usize>(y + r - j)) << 2)) + off;
      const dn = <usize>load<u32>(rowTable + ((<usize>(y + r + j)) << 2)) + off;
      const wj = f64x2.splat(load<f64>(weights + ((<usize>j) << 3)));
      a = f64x2.add(a, f64x2.mul(f64x2.add(v128.load(up), v128.load(dn)), wj));
    }
    v128.store(out + off, a);
  }
  if (x < x1) {
    const off = (<usize>x) << 3;
    let a = load<f64>(center + off) * load<f64>(weights);
    for (let j = r; j >= 1; j--) {
      const up = <usize>load<u32>(rowTable + ((<usize>(y + r - j)) << 2)) + off;
      const dn = <usize>load<u32>(rowTable + ((<usize>(y + r + j)) << 2)) + off;
      a += (load<f64>(up) + load<f64>(dn)) * load<f64>(weights + ((<usize>j) << 3));
    }
    store<f64>(out + off, a);
  }
}

// The symmetric correlation along a padded, interleaved line: for p in [0, n),
//   out[p] = line[p+r]*w[0] + sum_{j=r..1} (line[p+r-j] + line[p+r+j]) * w[j]
// where each position holds an f64x2 (two independent lines side by side). Four outputs at a
// time; their left and right windows slide by one position per tap, so each tap loads one new
// vector per window. splat: the weights splatted to f64x2 (16 bytes per tap).
// Results go to `out` (16 bytes per position), or, when row0 != 0, lane 0 to row0[p] and lane
// 1 to row1[p] (lane 1 first: for a lone last row, row1 == row0 and lane 0 stays).
function slide(line: usize, out: usize, n: i32, r: i32, splat: usize, row0: usize, row1: usize): void {
  const w0 = v128.load(splat);
  const n4 = n & ~3;
  let p = 0;
  for (; p < n4; p += 4) {
    const c = line + ((<usize>(p + r)) << 4);
    let a0 = f64x2.mul(v128.load(c), w0);
    let a1 = f64x2.mul(v128.load(c, 16), w0);
    let a2 = f64x2.mul(v128.load(c, 32), w0);
    let a3 = f64x2.mul(v128.load(c, 48), w0);
    const lft = c - ((<usize>r) << 4);
    const rgt = c + ((<usize>r) << 4);
    let l0 = v128.load(lft);
    let l1 = v128.load(lft, 16);
    let l2 = v128.load(lft, 32);
    let l3 = v128.load(lft, 48);
    let r0 = v128.load(rgt);
    let r1 = v128.load(rgt, 16);
    let r2 = v128.load(rgt, 32);
    let r3 = v128.load(rgt, 48);
    for (let j = r; j >= 1; j--) {
      const wj = v128.load(splat + ((<usize>j) << 4));
      a0 = f64x2.add(a0, f64x2.mul(f64x2.add(l0, r0), wj));
      a1 = f64x2.add(a1, f64x2.mul(f64x2.add(l1, r1), wj));
      a2 = f64x2.add(a2, f64x2.mul(f64x2.add(l2, r2), wj));
      a3 = f64x2.add(a3, f64x2.mul(f64x2.add(l3, r3), wj));
      l0 = l1;
      l1 = l2;
      l2 = l3;
      l3 = v128.load(c - ((<usize>(j - 1)) << 4), 48);
      r3 = r2;
      r2 = r1;
      r1 = r0;
      r0 = v128.load(c + ((<usize>(j - 1)) << 4));
    }
    if (row0) {
      const o = (<usize>p) << 3;
      store<f64>(row1 + o, f64x2.extract_lane(a0, 1));
      store<f64>(row1 + o, f64x2.extract_lane(a1, 1), 8);
      store<f64>(row1 + o, f64x2.extract_lane(a2, 1), 16);
      store<f64>(row1 + o, f64x2.extract_lane(a3, 1), 24);
      store<f64>(row0 + o, f64x2.extract_lane(a0, 0));
      store<f64>(row0 + o, f64x2.extract_lane(a1, 0), 8);
      store<f64>(row0 + o, f64x2.extract_lane(a2, 0), 16);
      store<f64>(row0 + o, f64x2.extract_lane(a3, 0), 24);
    } else {
      const o = out + ((<usize>p) << 4);
      v128.store(o, a0);
      v128.store(o, a1, 16);
      v128.store(o, a2, 32);
      v128.store(o, a3, 48);
    }
  }
  for (; p < n; p++) {
    const c = line + ((<usize>(p + r)) << 4);
    let a = f64x2.mul(v128.load(c), w0);
    for (let j = r; j >= 1; j--) {
      const wj = v128.load(splat + ((<usize>j) << 4));
      a = f64x2.add(a, f64x2.mul(f64x2.add(v128.load(c - ((<usize>j) << 4)), v128.load(c + ((<usize>j) << 4))), wj));
    }
    if (row0) {
      store<f64>(row1 + ((<usize>p) << 3), f64x2.extract_lane(a, 1));
      store<f64>(row0 + ((<usize>p) << 3), f64x2.extract_lane(a, 0));
    } else v128.store(out + ((<usize>p) << 4), a);
  }
}

function splatWeights(weights: usize, r: i32, splat: usize): void {
  for (let j = 0; j <= r; j++) {
    v128.store(splat + ((<usize>j) << 4), f64x2.splat(load<f64>(weights + ((<usize>j) << 3))));
  }
}

// Vertical pass for large kernels (transposed): eight columns at a time are gathered (rows
// padded through rowTable) into four interleaved column-pair lines, filtered along the line
// with `slide`, and written back. Every load stays within small line buffers, where walking
// 2r+1 rows of the plane per pixel would not. lines: 4 × (ny+2r) × 16 bytes; outs: 4 × ny × 16.
export function columnsT(dst: usize, rowTable: usize, weights: usize, ny: i32, nx: i32, r: i32, lines: usize, outs: usize, splat: usize): void {
  splatWeights(weights, r, splat);
  const np = ny + 2 * r;
  const L = (<usize>np) << 4;
  const O = (<usize>ny) << 4;
  const rowBytes = (<usize>nx) << 3;
  let x = 0;
  for (; x + 8 <= nx; x += 8) {
    const xo = (<usize>x) << 3;
    for (let p = 0; p < np; p++) {
      const a = <usize>load<u32>(rowTable + ((<usize>p) << 2)) + xo;
      const d = lines + ((<usize>p) << 4);
      v128.store(d, v128.load(a));
      v128.store(d + L, v128.load(a, 16));
      v128.store(d + 2 * L, v128.load(a, 32));
      v128.store(d + 3 * L, v128.load(a, 48));
    }
    slide(lines, outs, ny, r, splat, 0, 0);
    slide(lines + L, outs + O, ny, r, splat, 0, 0);
    slide(lines + 2 * L, outs + 2 * O, ny, r, splat, 0, 0);
    slide(lines + 3 * L, outs + 3 * O, ny, r, splat, 0, 0);
    for (let y = 0; y < ny; y++) {
      const d = dst + <usize>y * rowBytes + xo;
      const s = outs + ((<usize>y) << 4);
      v128.store(d, v128.load(s));
      v128.store(d, v128.load(s + O), 16);
      v128.store(d, v128.load(s + 2 * O), 32);
      v128.store(d, v128.load(s + 3 * O), 48);
    }
  }
  for (; x < nx; x += 2) {
    // the last columns in pairs; a lone last column fills both lanes
    const xo = (<usize>x) << 3;
    const pair = x + 1 < nx;
    for (let p = 0; p < np; p++) {
      const a = <usize>load<u32>(rowTable + ((<usize>p) << 2)) + xo;
      const d = lines + ((<usize>p) << 4);
      store<f64>(d, load<f64>(a));
      store<f64>(d, pair ? load<f64>(a, 8) : load<f64>(a), 8);
    }
    slide(lines, outs, ny, r, splat, 0, 0);
    for (let y = 0; y < ny; y++) {
      const d = dst + <usize>y * rowBytes + xo;
      const s = outs + ((<usize>y) << 4);
      store<f64>(d, load<f64>(s));
      if (pair) store<f64>(d, load<f64>(s, 8), 8);
    }
  }
}

// Horizontal pass (axis 1), in place on img. Two rows at a time are copied, padded and
// interleaved into `line` (lane 0 = row y, lane 1 = row y+1) and filtered with `slide` straight
// back into the rows. colTable[i] is the source column of padded position i - r, or -1 for cval.
export function rows(img: usize, line: usize, colTable: usize, weights: usize, ny: i32, nx: i32, r: i32, cval: f64, splat: usize): void {
  splatWeights(weights, r, splat);
  const n = nx + 2 * r;
  for (let y = 0; y < ny; y += 2) {
    const row0 = img + ((<usize>y * <usize>nx) << 3);
    const row1 = y + 1 < ny ? row0 + ((<usize>nx) << 3) : row0;
    for (let i = 0; i < n; i++) {
      const c = load<i32>(colTable + ((<usize>i) << 2));
      const dst = line + ((<usize>i) << 4);
      if (c < 0) {
        store<f64>(dst, cval);
        store<f64>(dst, cval, 8);
      } else {
        const s = (<usize>c) << 3;
        store<f64>(dst, load<f64>(row0 + s));
        store<f64>(dst, load<f64>(row1 + s), 8);
      }
    }
    slide(line, 0, nx, r, splat, row0, row1);
  }
}

// First byte the caller may use (end of the module's static data).
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}
