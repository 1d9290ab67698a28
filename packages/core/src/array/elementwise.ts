/**
 * Elementwise operations and reductions of DataArrays with numpy's dtype rules: what dtype an
 * operation computes in and returns, and which coords the result keeps. Each gives the
 * result's lazy array and labels; DataArray wraps them (so this module needs only its type).
 */
import { dtypeWithScalar, elementwise, type Operand } from "../graph/expr.js";
import type { LazyArray } from "../graph/lazy.js";
import { reduceArray } from "../graph/ops.js";
import type { BinaryOp, Expr, UnaryOp } from "../kernels/array/expr-ast.js";
import { COMPARISONS, LOGICAL } from "../kernels/array/expr-ast.js";
import type { ReduceOp } from "../kernels/array/reduce.js";
import type { DataArray, Labels, Other } from "./data-array.js";
import type { DType } from "./dtype.js";
import { isDType, isInteger, promote } from "./dtype.js";
import { checkDim } from "./errors.js";
import type { Coords } from "./indexing.js";

/** A result before DataArray wraps it. */
export interface Derived {
  lazy: LazyArray;
  labels: Partial<Labels>;
}

export function unaryOp(x: DataArray, fn: UnaryOp): Derived {
  const boolResult = fn === "not" || fn === "isnan" || fn === "isfinite";
  const floatFn = !boolResult && fn !== "neg" && fn !== "abs";
  const dtype: DType = boolResult
    ? "bool"
    : floatFn && isInteger(x.dtype)
      ? "float64"
      : x.dtype === "bool"
        ? "int32"
        : x.dtype;
  // Tests (isnan, isfinite, not) read the value as it is; arithmetic computes in `dtype`.
  const lazy = elementwise([x.lazy], ([e]) => ({
    op: "unary",
    fn,
    x: boolResult ? e : retype(e, dtype),
    dtype,
  }));
  return { lazy, labels: x.labels() };
}

export function binaryOp(x: DataArray, fn: BinaryOp, other: Other, forceDtype?: DType): Derived {
  const otherDtype = typeof other === "number" ? dtypeWithScalar(x.dtype, other) : other.dtype;
  let compute = forceDtype ?? promote(x.dtype, otherDtype);
  if (fn === "div" && isInteger(compute)) compute = "float64";
  if (fn === "pow" && compute === "bool") compute = "int32";
  const result: DType = COMPARISONS.has(fn) || LOGICAL.has(fn) ? "bool" : compute;
  const lazy = elementwise([x.lazy, operand(other)], ([a, b]) => ({
    op: "binary",
    fn,
    a: retype(a, compute),
    b: retype(b, compute),
    dtype: result,
  }));
  return { lazy, labels: mergeLabels(lazy.dims, [x, other], x) };
}

/** numpy.where(cond, x, y) with broadcasting by dim name. */
export function whereOp(cond: DataArray, x: Other, y: Other): Derived {
  const dtypeOfOther = (o: Other, peer: Other): DType =>
    typeof o === "number"
      ? typeof peer === "number"
        ? "float64"
        : dtypeWithScalar(peer.dtype, o)
      : o.dtype;
  const dtype = promote(dtypeOfOther(x, y), dtypeOfOther(y, x));
  const first = [cond, x, y].find((o): o is DataArray => typeof o !== "number")!;
  const lazy = elementwise([cond.lazy, operand(x), operand(y)], ([c, a, b]) => ({
    op: "where",
    cond: c,
    a: retype(a, dtype),
    b: retype(b, dtype),
    dtype,
  }));
  return { lazy, labels: mergeLabels(lazy.dims, [cond, x, y], first) };
}

/** The cast of `x` to `dtype`; undefined when `x` already has it. */
export function astypeOp(x: DataArray, dtype: DType): Derived | undefined {
  if (!isDType(dtype)) throw new TypeError(`unknown dtype "${dtype}"`);
  if (dtype === x.dtype) return undefined;
  const lazy = elementwise([x.lazy], ([e]) => ({ op: "cast", x: e, dtype }));
  return { lazy, labels: x.labels() };
}

/**
 * Reduction over named dims. Result dtypes as numpy's: min/max keep the dtype, sum/prod of
 * integers give float64 here (numpy gives int64; exact below 2^53), means float64 (float32
 * stays float32).
 */
export function reduceOp(
  x: DataArray,
  op: ReduceOp,
  dim?: string | readonly string[],
  ddof = 0,
): Derived {
  const names = dim === undefined ? [...x.dims] : [dim].flat();
  const axes = names.map((d) => checkDim(x.dims, d));
  const dtype: DType =
    op === "min" || op === "max"
      ? x.dtype
      : op === "sum" || op === "prod"
        ? isInteger(x.dtype)
          ? "float64"
          : x.dtype
        : x.dtype === "float32"
          ? "float32"
          : "float64";
  const lazy = reduceArray(x.lazy, axes, op, dtype, ddof);
  const coords = Object.fromEntries(Object.entries(x.coords).filter(([d]) => !names.includes(d)));
  return { lazy, labels: { ...x.labels(), coords } };
}

export function operand(x: Other): Operand {
  return typeof x === "number" ? x : x.lazy;
}

/** Casts an operand's expression to the dtype the operation computes in (numpy promotion). */
export function retype(expr: Expr, dtype: DType): Expr {
  if (expr.op === "const") return { ...expr, dtype };
  return expr.dtype === dtype ? expr : { op: "cast", x: expr, dtype };
}

/** Coords of the result: each dim's coords from the first operand that has them. */
export function mergeLabels(
  dims: readonly string[],
  operands: readonly Other[],
  first: DataArray,
): Labels {
  const coords: Coords = {};
  for (const o of operands) {
    if (typeof o === "number") continue;
    for (const [dim, values] of Object.entries(o.coords)) {
      if (!(dim in coords) && dims.includes(dim) && o.sizes[dim] !== 1) coords[dim] = values;
    }
  }
  for (const o of operands) {
    if (typeof o === "number") continue;
    for (const [dim, values] of Object.entries(o.coords)) {
      if (!(dim in coords) && dims.includes(dim)) coords[dim] = values;
    }
  }
  return { coords, attrs: first.attrs, name: first.name };
}
