// The browser half of a panel's controls (lessons_lib/controls.py): native HTML controls,
// so keyboards, touch screens and screen readers get what browsers already give them.
//
// kind "slider": <label for> + <input type="range"> + <output>. The range input's value is
// the position (0 … n − 1); aria-valuetext is the readout, so a screen reader says "0.1",
// not "4". Arrows step one position, Home/End go to the ends, Page Up/Down jump a tenth.
// kind "choice": a <fieldset> of radio buttons (arrows move the choice, Tab leaves it).
// kind "play": a <button> that steps `index` every `interval` ms, named "Play" or "Pause".
//
// `index` is what ipywidgets.jslink links to a panel's canvas: a step in the browser
// reaches the canvas with no kernel in between, also in a static page.

let made = 0; // ids for <label for>, unique in the page

function slider({ model, el }) {
  const id = `lessons-control-${++made}`;
  const box = document.createElement("div");
  box.className = "lessons-slider";
  const label = document.createElement("label");
  label.htmlFor = id;
  label.textContent = model.get("description");
  const input = document.createElement("input");
  Object.assign(input, { type: "range", id, min: 0, step: 1 });
  const readout = document.createElement("output");
  readout.className = "lessons-readout";
  readout.htmlFor = id;
  readout.setAttribute("aria-hidden", "true"); // aria-valuetext says it: say it once
  box.append(label, input, readout);
  el.appendChild(box);

  const labels = () => model.get("labels");
  const longest = Math.max(...labels().map((text) => text.length));
  readout.style.minWidth = `${longest}ch`; // the track does not jump as the value changes
  function update() {
    const i = model.get("index");
    input.max = String(labels().length - 1);
    input.value = String(i);
    input.setAttribute("aria-valuetext", labels()[i]);
    readout.textContent = labels()[i];
  }
  function moved() {
    const i = input.valueAsNumber;
    if (i === model.get("index")) return;
    model.set("index", i); // jslink passes it to the canvas at once
    model.save_changes();
  }
  input.addEventListener("input", moved); // while dragging, not only on release
  input.addEventListener("keydown", (event) => pageKeys(event, input, moved));
  model.on("change:index", update);
  update();
  return () => model.off("change:index", update);
}

// Page Up/Down move a tenth of the range (at least one position), as ARIA's slider pattern
// suggests. Chromium's range input does much the same by itself (checked); doing it here
// gives the same jump in every browser.
function pageKeys(event, input, moved) {
  if (event.key !== "PageUp" && event.key !== "PageDown") return;
  event.preventDefault();
  const n = Number(input.max) + 1;
  const jump = Math.max(1, Math.round(n / 10)) * (event.key === "PageUp" ? 1 : -1);
  input.value = String(Math.min(n - 1, Math.max(0, input.valueAsNumber + jump)));
  moved();
}

function choice({ model, el }) {
  const name = `lessons-control-${++made}`;
  const box = document.createElement("fieldset");
  box.className = "lessons-choice";
  const legend = document.createElement("legend");
  legend.textContent = model.get("description");
  box.appendChild(legend);
  const radios = model.get("labels").map((text, i) => {
    const option = document.createElement("label");
    const radio = Object.assign(document.createElement("input"), { type: "radio", name, value: i });
    radio.addEventListener("change", () => {
      if (!radio.checked) return;
      model.set("index", i);
      model.save_changes();
    });
    option.append(radio, document.createTextNode(text));
    box.appendChild(option);
    return radio;
  });
  el.appendChild(box);
  const update = () => radios.forEach((r, i) => (r.checked = i === model.get("index")));
  model.on("change:index", update);
  update();
  return () => model.off("change:index", update);
}

function play({ model, el }) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "lessons-play";
  el.appendChild(button);
  let timer = null;
  const last = () => model.get("labels").length - 1;
  const icon = document.createElement("span");
  icon.setAttribute("aria-hidden", "true"); // the name is the word: "Play" or "Pause"
  const word = document.createTextNode("");
  button.append(icon, word);
  function name() {
    icon.textContent = timer === null ? "▶ " : "⏸ ";
    word.data = timer === null ? "Play" : "Pause";
  }
  function stop() {
    clearInterval(timer);
    timer = null;
    name();
  }
  function tick() {
    const i = model.get("index");
    if (i >= last()) return stop();
    model.set("index", i + 1);
    model.save_changes();
  }
  button.addEventListener("click", () => {
    if (timer !== null) return stop();
    if (model.get("index") >= last()) {
      model.set("index", 0); // at the end: play again from the start
      model.save_changes();
    }
    timer = setInterval(tick, model.get("interval"));
    name();
  });
  name();
  return stop;
}

const KINDS = { slider, choice, play };

function render({ model, el }) {
  el.classList.add("lessons-control");
  const cleanup = KINDS[model.get("kind")]({ model, el });
  // JupyterLab's notebook shortcuts match any focused element that is not a text field
  // (ArrowDown: the next cell, Enter: edit mode), so they would take the keys meant for a
  // range input, a radio button or a button. Lumino skips an element with this attribute.
  for (const focusable of el.querySelectorAll("input, button")) {
    focusable.setAttribute("data-lm-suppress-shortcuts", "true");
  }
  return cleanup;
}

export default { render };
