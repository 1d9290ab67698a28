/**
 * From lazy arrays to an executable task graph: walk the chunks wanted, collect the tasks
 * that make them, then fuse linear per-chunk chains (read → median → shading → …) into one
 * task, so a plane goes through the whole chain on one worker with no round trips.
 */
import type { Block } from "../array/block.js";
import { sizeOf } from "../array/block.js";
import { bytesPerElement, type DType } from "../array/dtype.js";
import { chunkKey } from "./chunks.js";
import {
  isBlock,
  type LazyArray,
  type MainTaskContext,
  MemoryArray,
  StreamedArray,
  type TaskInput,
} from "./lazy.js";

/** Where a step's argument comes from: the task's external input i, or an earlier step. */
export type StepArg = { input: number } | { step: number };

export interface Step {
  kernel: string;
  params: Record<string, unknown>;
  args: StepArg[];
  /** The step's output, so the runner can hand the kernel reused memory for it. */
  output?: { shape: number[]; dtype: DType };
}

/** An external input of a graph task: another task's output, or a block in memory. */
export type GraphInput = { key: string } | { block: Block };

export interface GraphTask {
  key: string;
  /** Kernels run in order; the last step's output is the task's output. */
  steps: Step[];
  inputs: GraphInput[];
  /** Bytes of the output block (for the memory budget). */
  outputBytes: number;
  /** Bytes of the intermediate blocks of a fused chain, alive while the task runs. */
  scratchBytes: number;
  /** Shape and dtype of the output block. */
  shape: number[];
  dtype: DType;
  /** The array, its dims and the chunk index this task makes, for errors and progress. */
  array: string;
  dims: readonly string[];
  index: number[];
  /** Runs the task on the main thread instead (a StreamedArray chunk); never fused. */
  main?: (run: MainTaskContext) => Promise<Block>;
}

export interface TaskGraph {
  tasks: Map<string, GraphTask>;
  /** Output keys in request order; a key may map to a block already in memory. */
  outputs: string[];
  /** Outputs (or anything) already in memory: no task needed. */
  ready: Map<string, Block>;
}

export interface ChunkRequest {
  array: LazyArray;
  index: number[];
}

export interface BuildOptions {
  /** Fuse linear per-chunk chains into one task (default true). */
  fuse?: boolean;
  /** Move in-memory arrays into shared memory first (the tasks will run on workers). */
  shareMemory?: boolean;
}

export function buildGraph(
  requests: readonly ChunkRequest[],
  { fuse = true, shareMemory = false }: BuildOptions = {},
): TaskGraph {
  const tasks = new Map<string, GraphTask>();
  const ready = new Map<string, Block>();
  const outputs: string[] = [];

  // Depth-first: a task is added after its inputs, so insertion order is topological.
  const visit = (array: LazyArray, index: readonly number[]): GraphInput => {
    const rootKey = chunkKey(array.id, index);
    if (tasks.has(rootKey)) return { key: rootKey };
    if (ready.has(rootKey)) return { block: ready.get(rootKey)! };
    if (shareMemory && array instanceof MemoryArray) array.share();
    const made = array.chunk(index);
    if (isBlock(made)) return { block: made };
    const inputs = made.inputs.map((input) => resolve(input));
    const shape = array.chunkShape(index);
    tasks.set(rootKey, {
      key: rootKey,
      steps: [
        {
          kernel: made.kernel,
          params: made.params,
          args: inputs.map((_, i) => ({ input: i })),
          output: { shape, dtype: array.dtype },
        },
      ],
      inputs,
      outputBytes: sizeOf(shape) * bytesPerElement(array.dtype),
      scratchBytes: made.scratchBytes ?? 0,
      shape,
      dtype: array.dtype,
      array: array.label,
      dims: array.dims,
      index: [...index],
      ...(array instanceof StreamedArray
        ? { main: (run: MainTaskContext) => array.load(index, run) }
        : {}),
    });
    return { key: rootKey };
  };
  const resolve = (input: TaskInput): GraphInput =>
    "block" in input ? { block: input.block } : visit(input.array, input.index);

  for (const { array, index } of requests) {
    const key = chunkKey(array.id, index);
    const got = visit(array, index);
    if ("block" in got) ready.set(key, got.block);
    outputs.push(key);
  }
  const graph = { tasks, outputs, ready };
  return fuse ? fuseLinearChains(graph) : graph;
}

/** Keys of tasks that consume each task's output. */
export function dependents(tasks: Map<string, GraphTask>): Map<string, string[]> {
  const deps = new Map<string, string[]>();
  for (const key of tasks.keys()) deps.set(key, []);
  for (const task of tasks.values()) {
    for (const input of task.inputs) {
      if ("key" in input && !deps.get(input.key)!.includes(task.key)) {
        deps.get(input.key)!.push(task.key);
      }
    }
  }
  return deps;
}

/**
 * Linear fusion as dask's `fuse_linear`: a task whose only consumer is a task with no other
 * task input is merged into that consumer (its steps run first, in the same worker call).
 * Fan-ins (reductions over T, binary ops of two computed arrays) stay separate tasks so they
 * keep their parallelism.
 */
export function fuseLinearChains(graph: TaskGraph): TaskGraph {
  const { tasks } = graph;
  const consumers = dependents(tasks);
  const outputs = new Set(graph.outputs);
  const fusedAway = new Set<string>();

  for (const key of topologicalOrder(tasks)) {
    const task = tasks.get(key)!;
    const taskInputs = task.inputs.filter((i): i is { key: string } => "key" in i);
    if (taskInputs.length !== 1) continue;
    const producerKey = taskInputs[0].key;
    if (outputs.has(producerKey) || consumers.get(producerKey)!.length !== 1) continue;
    const producer = tasks.get(producerKey)!;
    if (producer.main) continue; // it runs on the main thread: its consumer goes to a worker
    tasks.set(key, mergeInto(producer, task));
    fusedAway.add(producerKey);
  }
  for (const key of fusedAway) tasks.delete(key);
  return graph;
}

/** The consumer with the producer's steps prepended and its inputs taken over. */
function mergeInto(producer: GraphTask, consumer: GraphTask): GraphTask {
  const producerSlot = consumer.inputs.findIndex((i) => "key" in i && i.key === producer.key);
  const inputs: GraphInput[] = [...producer.inputs];
  const inputMap = consumer.inputs.map((input, i) => {
    if (i === producerSlot) return -1;
    inputs.push(input);
    return inputs.length - 1;
  });
  const offset = producer.steps.length;
  const producerResult: StepArg = { step: offset - 1 };
  const steps = [
    ...producer.steps,
    ...consumer.steps.map((step) => ({
      ...step,
      args: step.args.map((arg): StepArg => {
        if ("step" in arg) return { step: arg.step + offset };
        return arg.input === producerSlot ? producerResult : { input: inputMap[arg.input] };
      }),
    })),
  ];
  const scratchBytes = producer.scratchBytes + producer.outputBytes + consumer.scratchBytes;
  return { ...consumer, steps, inputs, scratchBytes };
}

/** Tasks ordered so every task comes after the tasks it reads. */
export function topologicalOrder(tasks: Map<string, GraphTask>): string[] {
  const order: string[] = [];
  const state = new Map<string, 1 | 2>();
  for (const root of tasks.keys()) {
    if (state.has(root)) continue;
    const stack: Array<[string, number]> = [[root, 0]];
    state.set(root, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const task = tasks.get(top[0])!;
      const next = task.inputs[top[1]++];
      if (next === undefined) {
        stack.pop();
        state.set(task.key, 2);
        order.push(task.key);
      } else if ("key" in next && tasks.has(next.key) && !state.has(next.key)) {
        state.set(next.key, 1);
        stack.push([next.key, 0]);
      }
    }
  }
  return order;
}
