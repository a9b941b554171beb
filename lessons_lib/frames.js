// The browser half of a panel (lessons_lib/widgets.py): show the frame the controls pick.
//
// The kernel sends every frame once, as PNG bytes, in row-major order of the controls'
// positions (`shape` holds the number of positions of each control). Each control's
// `index` is linked in the browser (ipywidgets.jslink) to one of `i0` … `i3` here, so a
// slider step reaches this code with no kernel in between, and it works in a static page.
//
// Frames are decoded ahead of time into ImageBitmaps: the one shown and its neighbours
// along every control. A slider step then only copies decoded pixels onto the canvas.

const KEEP = 48; // decoded frames kept per panel, about 1.5 MB each; the oldest go first
const AHEAD = [1, -1, 2, -2]; // the neighbours decoded ahead, along each control
const SETTLE_MS = 500; // the controls rest this long before the new frame is read out

function render({ model, el }) {
  const frames = model.get("frames");
  const shape = model.get("shape");
  const [width, height] = model.get("size");

  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  canvas.className = "lessons-frames";
  canvas.style.cssText = "display: block; max-width: 100%; height: auto;";
  canvas.setAttribute("role", "img");
  el.appendChild(canvas);
  const say = speaker(el);
  const context = canvas.getContext("2d");

  const decoded = new Map(); // frame number -> ImageBitmap, or the promise of one
  let wanted = -1;

  const position = () => shape.map((_, k) => model.get(`i${k}`));
  const number = (pos) => pos.reduce((n, p, k) => n * shape[k] + p, 0);

  function decode(n) {
    if (!decoded.has(n)) {
      const blob = new Blob([frames[n]], { type: "image/png" });
      const pending = createImageBitmap(blob).then((bitmap) => {
        if (decoded.get(n) === pending) decoded.set(n, bitmap);
        else bitmap.close(); // evicted while it was decoding
      });
      decoded.set(n, pending);
    }
    return decoded.get(n);
  }

  function forgetOldest() {
    for (const [n, frame] of decoded) {
      if (decoded.size <= KEEP) break;
      if (n !== wanted && frame instanceof ImageBitmap) {
        frame.close();
        decoded.delete(n);
      }
    }
  }

  function show() {
    const pos = position();
    const n = (wanted = number(pos));
    const frame = decoded.get(n);
    if (frame instanceof ImageBitmap) {
      decoded.delete(n); // re-insert: the Map's order is least recently shown first
      decoded.set(n, frame);
      context.drawImage(frame, 0, 0);
      canvas.dataset.frame = String(n);
    } else {
      decode(n).then(() => wanted === n && show(), (err) => console.error(err));
    }
    for (let k = 0; k < shape.length; k++) {
      for (const step of AHEAD) {
        const p = pos[k] + step;
        if (p < 0 || p >= shape[k]) continue;
        const near = pos.slice();
        near[k] = p;
        decode(number(near));
      }
    }
    forgetOldest();
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
