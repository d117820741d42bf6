// **export PNG** — the current view (edges, nodes, labels) composed onto one white canvas and downloaded.
import type Sigma from 'sigma';

/** Sigma's layers, bottom to top; the mouse layer is transparent and left out. */
const LAYERS = ['edges', 'edgeLabels', 'nodes', 'labels', 'hovers', 'hoverNodes'];

// Any node/edge attribute types: only the canvases are read.
export function exportPng(sigma: Sigma<any, any>, fileName = 'xckg-graph.png'): Promise<Blob> {
  // WebGL layers keep their pixels only until the frame is composited: render and copy in the same task.
  sigma.refresh();
  const canvases = sigma.getCanvases();
  const first = canvases.nodes;
  const out = document.createElement('canvas');
  out.width = first.width;
  out.height = first.height;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  for (const id of LAYERS) {
    const c = canvases[id];
    if (c) ctx.drawImage(c, 0, 0, out.width, out.height);
  }
  return new Promise((resolve, reject) => {
    out.toBlob((blob) => {
      if (!blob) return reject(new Error('PNG export failed'));
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      resolve(blob);
    }, 'image/png');
  });
}
