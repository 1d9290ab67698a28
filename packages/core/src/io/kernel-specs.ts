/**
 * The reader kernels, registered by io/ itself: a task that decodes one plane (or chunk) of a
 * file straight into its destination. Graphs name them through TaskArray, not applyPlane.
 */
import { registerLazyKernels } from "../kernels/registry.js";

registerLazyKernels(["io.read_plane"], () => import("./kernels.js"));
registerLazyKernels(["io.read_chunk"], () => import("./read-chunk.js"));
