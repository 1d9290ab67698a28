/**
 * Every built-in kernel, declared on the thread that imports this: the package entry points
 * and the worker import it, so the main thread and every worker know the same kernels.
 */
import "./kernels/builtin.js";
import "./io/kernel-specs.js";
import "./nima/kernel-specs.js";
