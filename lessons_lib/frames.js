// The browser half of a panel (lessons_lib/widgets.py): show the frame the controls pick.
//
// The kernel sends every frame once, as PNG bytes, in row-major order of the controls'
// positions (`shape` holds the number of positions of each control). Each control's
// `index` is linked in the browser (ipywidgets.jslink) to one of `i0` … `i3` here, so a
// slider step reaches this code with no kernel in between, and it works in a static page.
//
// Frames are decoded ahead of time into ImageBitmaps: the one shown and its neighbours
// along every control. A slider step then only copies decoded pixels onto the canvas.
// Every other decoded frame is released at once (W × H × 4 bytes each), so memory stays
// the same however far a reader drags.
//
// In a box too narrow to show the whole frame at MIN_SCALE (a phone), the frame's tiles
// (lessons_lib/tiles.py: each axes with its labels, each figure legend) are copied out of
// the same frame one under the other, each at its natural size.

const AHEAD = [1, -1, 2, -2]; // the neighbours decoded ahead, along each control
const SETTLE_MS = 500; // the controls rest this long before the new frame is read out
const MIN_SCALE = 0.6; // narrower than this, the tiles are stacked

// The window kept decoded around position `pos`: its frame and its neighbours.
function windowAround(pos, shape, number) {
  const keep = new Set([number(pos)]);
  for (let k = 0; k < shape.length; k++) {
    for (const step of AHEAD) {
      const p = pos[k] + step;
      if (p < 0 || p >= shape[k]) continue;
      const near = pos.slice();
      near[k] = p;
      keep.add(number(near));
    }
  }
  return keep;
}

// Close every decoded frame outside `keep`; forget pending ones (closed when they arrive).
function releaseOutside(decoded, keep) {
  for (const [n, frame] of decoded) {
    if (keep.has(n)) continue;
    if (frame instanceof ImageBitmap) frame.close();
    decoded.delete(n);
  }
}

// How many decoded frames are held, for tests and benchmarks (data-decoded on the canvas).
function countDecoded(canvas, decoded) {
  let held = 0;
  for (const frame of decoded.values()) if (frame instanceof ImageBitmap) held++;
  canvas.dataset.decoded = String(held);
}

// The widest part of a tile [x, y, w, h, ...cuts] that cannot be cut.
function widestPart([, , w, , ...cuts]) {
  const edges = [0, ...cuts, w];
  return Math.max(...edges.slice(1).map((e, k) => e - edges[k]));
}

// A tile in pieces no wider than `limit` (when it can be cut there), left to right.
function cutToWidth([x, y, w, h, ...cuts], limit) {
  const edges = [...cuts, w];
  const pieces = [];
  let start = 0;
  for (let k = 0; k < edges.length; k++) {
    if (k === edges.length - 1 || edges[k + 1] - start > limit) {
      pieces.push([x + start, y, edges[k] - start, h]);
      start = edges[k];
    }
  }
  return pieces;
}

// Where the frame's pixels go for a box `boxWidth` px wide: the whole frame, or its tiles
// stacked and centred (a wide legend in pieces no wider than the widest tile that cannot
// be cut). Each piece is [sx, sy, w, h, dx, dy] (source corner, size, target corner).
function layout([width, height], tiles, boxWidth) {
  const whole = { width, height, stacked: false, pieces: [[0, 0, width, height, 0, 0]] };
  if (!tiles.length || !(boxWidth > 0) || boxWidth >= MIN_SCALE * width) return whole;
  const limit = Math.max(...tiles.map(widestPart));
  const parts = tiles.flatMap((t) => cutToWidth(t, limit));
  const wide = Math.max(...parts.map((t) => t[2]));
  if (wide >= width) return whole;
  let y = 0;
  const pieces = parts.map(([sx, sy, w, h]) => {
    const piece = [sx, sy, w, h, Math.floor((wide - w) / 2), y];
    y += h;
    return piece;
  });
  return { width: wide, height: y, stacked: true, pieces };
}

// Copy `frame` onto the canvas as `lay` says (stacked: the figure's own background first).
function paint(context, frame, lay) {
  if (lay.stacked) context.drawImage(frame, 0, 0, 1, 1, 0, 0, lay.width, lay.height);
  for (const [sx, sy, w, h, dx, dy] of lay.pieces) {
    context.drawImage(frame, sx, sy, w, h, dx, dy, w, h);
  }
}

// A picture that even stacked is wider than the box allows at MIN_SCALE (a single wide
// axes) is shown at MIN_SCALE, and the box scrolls sideways (by keyboard too), not the page.
function keepMinimumScale(el, canvas, boxWidth) {
  const small = boxWidth > 0 && boxWidth < MIN_SCALE * canvas.width;
  canvas.style.width = small ? `${Math.ceil(MIN_SCALE * canvas.width)}px` : "";
  canvas.style.maxWidth = small ? "none" : "100%";
  el.style.overflowX = small ? "auto" : "";
  if (small) el.setAttribute("tabindex", "0");
  else el.removeAttribute("tabindex");
}

// Follow the width of `el`: size the canvas for the layout that fits and call `repaint`
// when the layout changes. Returns the current layout (a function) and a disposer.
function fitToBox(el, canvas, size, tiles, repaint) {
  let lay = layout(size, tiles, 0);
  const apply = (next) => {
    lay = next;
    canvas.width = lay.width; // resizing clears the canvas: repaint it
    canvas.height = lay.height;
    canvas.dataset.layout = lay.stacked ? "stacked" : "whole";
  };
  apply(lay);
  const observer = new ResizeObserver((entries) => {
    const boxWidth = entries[entries.length - 1].contentRect.width;
    const next = layout(size, tiles, boxWidth);
    if (next.stacked !== lay.stacked) {
      apply(next);
      repaint();
    }
    keepMinimumScale(el, canvas, boxWidth);
  });
  observer.observe(el);
  return { current: () => lay, dispose: () => observer.disconnect() };
}

function render({ model, el }) {
  const frames = model.get("frames");
  const shape = model.get("shape");
  const [width, height] = model.get("size");

  const canvas = document.createElement("canvas");
  canvas.className = "lessons-frames";
  canvas.style.cssText = "display: block; max-width: 100%; height: auto;";
  canvas.setAttribute("role", "img");
  el.appendChild(canvas);
  const say = speaker(el);
  const context = canvas.getContext("2d");

  const decoded = new Map(); // frame number -> ImageBitmap, or the promise of one
  let wanted = -1;
  const fit = fitToBox(el, canvas, [width, height], model.get("tiles") || [], () => {
    const frame = decoded.get(wanted);
    if (frame instanceof ImageBitmap) paint(context, frame, fit.current());
  });

  const position = () => shape.map((_, k) => model.get(`i${k}`));
  const number = (pos) => pos.reduce((n, p, k) => n * shape[k] + p, 0);

  function decode(n) {
    if (!decoded.has(n)) {
      const blob = new Blob([frames[n]], { type: "image/png" });
      const pending = createImageBitmap(blob).then((bitmap) => {
        if (decoded.get(n) === pending) decoded.set(n, bitmap);
        else bitmap.close(); // released while it was decoding
        countDecoded(canvas, decoded);
      });
      decoded.set(n, pending);
    }
    return decoded.get(n);
  }

  function show() {
    const pos = position();
    const n = (wanted = number(pos));
    const frame = decoded.get(n);
    if (frame instanceof ImageBitmap) {
      paint(context, frame, fit.current());
      canvas.dataset.frame = String(n);
    } else {
      decode(n).then(() => wanted === n && show(), (err) => console.error(err));
    }
    const keep = windowAround(pos, shape, number);
    releaseOutside(decoded, keep);
    for (const near of keep) decode(near);
    canvas.dataset.window = String(keep.size);
    countDecoded(canvas, decoded);
  }

  const name = () => nameFrame(canvas, model, number(position()));
  const moved = () => say(name());
  for (let k = 0; k < shape.length; k++) model.on(`change:i${k}`, show);
  for (let k = 0; k < shape.length; k++) model.on(`change:i${k}`, moved);
  show();
  name();

  return () => {
    for (let k = 0; k < shape.length; k++) model.off(`change:i${k}`, show);
    for (let k = 0; k < shape.length; k++) model.off(`change:i${k}`, moved);
    say(null);
    fit.dispose();
    for (const frame of decoded.values()) if (frame instanceof ImageBitmap) frame.close();
    decoded.clear();
  };
}

// A panel's text alternative (widgets.py): each frame comes with a sentence saying what it
// shows. The canvas (role img) is named by the frame it shows; returns that sentence.
function nameFrame(canvas, model, n) {
  const text = (model.get("descriptions") || [])[n] || model.get("description");
  canvas.setAttribute("aria-label", text);
  return text;
}

// A visually hidden polite live region after the canvas: say(text) reads text out once no
// new text has come for SETTLE_MS, so a drag across ten frames is one announcement.
function speaker(el) {
  const region = document.createElement("div");
  region.className = "lessons-frames-said";
  region.setAttribute("aria-live", "polite");
  region.setAttribute("aria-atomic", "true");
  region.style.cssText = "position: absolute; width: 1px; height: 1px; margin: -1px; " +
    "padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;";
  el.appendChild(region);
  let timer = null;
  return (text) => {
    clearTimeout(timer);
    if (text !== null) timer = setTimeout(() => (region.textContent = text), SETTLE_MS);
  };
}

export default { render };
