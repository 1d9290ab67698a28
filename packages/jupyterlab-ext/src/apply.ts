/**
 * The round trip: the threshold viewer's parameters go back to the kernel as code, so the
 * notebook stays the record of what was done. tslab has no comms, hence `requestExecute`.
 */
import type { INotebookTracker, NotebookPanel } from "@jupyterlab/notebook";

/** The notebook whose output holds `node` (the current one when none does). */
export function notebookOf(tracker: INotebookTracker, node: HTMLElement): NotebookPanel | null {
  return tracker.find((panel) => panel.node.contains(node)) ?? tracker.currentWidget;
}

/** Runs `code` in the notebook's kernel; resolves with the reply status ("ok", "error", …). */
export async function runInKernel(panel: NotebookPanel, code: string): Promise<string> {
  const kernel = panel.sessionContext.session?.kernel;
  if (!kernel) throw new Error("nima-ts: the notebook has no running kernel");
  const future = kernel.requestExecute({ code, silent: false, store_history: true });
  const reply = await future.done;
  return reply.content.status;
}

/** Inserts a code cell with `code` below the cell whose output holds `node`. */
export function insertCellBelow(panel: NotebookPanel, node: HTMLElement, code: string): void {
  const notebook = panel.content;
  const found = notebook.widgets.findIndex((cell) => cell.node.contains(node));
  const index = found >= 0 ? found + 1 : notebook.widgets.length;
  notebook.model?.sharedModel.insertCell(index, { cell_type: "code", source: code });
}
