// Paints the hidden space the engine computed (HiddenSpace): the rest of the
// network's decision as the background, the input plane's grid lines bent by
// the layer, and every data point where the layer puts it.
import type { HiddenSpace } from '../engine/types';
import { makeScale, signedOutput, toCss, type Scale } from '../render/colors';
import { paintClasses, paintSigned } from '../render/heatmap';
import { outputUnit, pointColor } from './output-plane';
import type { View } from './view';

const BACKGROUND = 0.78; // as the output view: the map a little paler than the points

export interface HiddenSpacePainter {
  paint(s: HiddenSpace, v: View): void;
}

// size: the canvas's pixels per side; grid: the background's.
export function createHiddenSpacePainter(canvas: HTMLCanvasElement, size: number, grid: number): HiddenSpacePainter {
  const ctx = canvas.getContext('2d')!;
  const bg = document.createElement('canvas');
  bg.width = bg.height = grid;
  const bgCtx = bg.getContext('2d')!;
  let scale: Scale = makeScale('default');
  return {
    paint(s, v) {
      if (scale.palette !== v.settings.palette) scale = makeScale(v.settings.palette);
      const img = bgCtx.createImageData(s.n, s.n);
      if (s.outputs > 1) paintClasses(img, s.output, s.outputs, v.settings.palette, v.settings.discretize, BACKGROUND);
      else {
        const unit = outputUnit(v);
        paintSigned(img, s.output, 0, scale.lut, (x) => BACKGROUND * signedOutput(unit, x), v.settings.discretize);
      }
      bgCtx.putImageData(img, 0, 0);
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(bg, 0, 0, size, size);
      drawLinesAndPoints(ctx, size, s, v);
      canvas.dataset.epoch = String(v.snapshot.epoch);
    },
  };
}

function drawLinesAndPoints(ctx: CanvasRenderingContext2D, size: number, s: HiddenSpace, v: View): void {
  const px = (x: number) => ((x - s.xLo) / (s.xHi - s.xLo)) * size;
  const py = (y: number) => ((s.yHi - y) / (s.yHi - s.yLo)) * size;
  // The input plane's grid lines, bent by the layer.
  ctx.strokeStyle = 'rgba(40, 48, 56, 0.35)';
  ctx.lineWidth = 1;
  for (let l = 0; l < s.lineCount; l++) {
    ctx.beginPath();
    for (let p = 0; p < s.linePoints; p++) {
      const i = 2 * (l * s.linePoints + p);
      const x = px(s.lines[i]!);
      const y = py(s.lines[i + 1]!);
      if (p === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
  }
  const pts = v.points;
  ctx.strokeStyle = '#ffffff';
  for (let i = 0; 2 * i + 1 < s.points.length; i++) {
    ctx.beginPath();
    ctx.arc(px(s.points[2 * i]!), py(s.points[2 * i + 1]!), 3, 0, 2 * Math.PI);
    ctx.fillStyle = toCss(pointColor(v, pts.label[i] ?? 0));
    ctx.fill();
    ctx.stroke();
  }
}
