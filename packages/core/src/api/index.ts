/** The public kernel namespaces, in scikit-image's shape (see API.md). */
export * as filters from "./filters.js";
export * as measure from "./measure.js";
export * as morphology from "./morphology.js";
export * as ndimage from "./ndimage.js";
export { asPlane, type Plane, type PlaneLike, plane } from "./plane.js";
export * as segmentation from "./segmentation.js";
export * as stats from "./stats.js";
export * as util from "./util.js";
