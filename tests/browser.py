"""Drive Debian's headless Chromium: JupyterLab on a throw-away server, or the built
course website on a static file server. Open a notebook (or a page), run all cells, find
its panels, move their sliders and time the redraws.

Test support for ``tests/test_browser.py`` (pytest puts ``tests/`` on ``sys.path``), and
used by ``benchmarks/browser_latency.py``, which adds ``tests/`` to ``sys.path`` itself.

Nothing here touches the repository: the notebooks are copied into a temporary folder
that the server serves, and HOME, the Jupyter, IPython and matplotlib folders live
under the same temporary folder (JupyterLab's autosave is switched off as well).

Facts this relies on (checked with JupyterLab 4.6, ipywidgets 8.1):

- with ``--LabApp.expose_app_in_browser`` the page has ``window.jupyterapp``; "Run All"
  does nothing until the kernel is connected and idle, so wait for that first;
- ``notebook:run-all-cells`` returns a promise that settles when the last cell is done;
- a course panel draws its frames on a ``<canvas class="lessons-frames">`` (``frames.js``)
  with ``drawImage``; ``PAGE_JS`` wraps ``drawImage`` to time those paints. The
  course canvas gets ``data-frame`` once its first frame is drawn. ``interact`` replaces
  an ``<img>`` inside ``.widget-output``; an ipywidgets ``Image`` is an
  ``<img class="widget-image">`` whose ``src`` becomes a new blob URL on every change;
- a course slider (``lessons_lib/controls.js``) is ``.lessons-slider``: a ``<label>``, an
  ``<input type="range">`` whose value is the position (it takes focus and steps on the
  arrow keys) and an ``<output class="lessons-readout">``; the canvas's ``aria-label`` is
  the sentence of the frame it shows. An ipywidgets slider (``interact``) is
  ``.widget-slider``: its ``.noUi-handle`` takes focus and steps on ArrowRight/ArrowLeft and
  carries ``aria-valuenow/min/max``; ``.widget-readout`` shows the value.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
from nbformat.sign import NotebookNotary

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

# Flags that work as root with no network (see /work/shared/NOTES.md). Playwright adds
# --headless itself when launched with headless=True.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]

# User settings for the throw-away JupyterLab: never save into the served copies, keep
# every cell in the DOM (no windowing, so panels far down the page can be found; the
# benchmark passes JupyterLab's default, "contentVisibility", which learners get), and
# fetch nothing from the internet.
LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false",
                                                    "checkForUpdates": False},
    "@jupyterlab/extensionmanager-extension/plugin": {"enabled": False},
}

LIVE_CALL = re.compile(r"\bwidgets\.live\(")


def find_chromium() -> str | None:
    """The Chromium to drive: ``$CHROMIUM`` or ``/usr/bin/chromium``, if it is executable."""
    path = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    return path if os.path.isfile(path) and os.access(path, os.X_OK) else None


def live_panel_count(path: Path) -> int:
    """How many code cells of a notebook call ``widgets.live(`` (a lower bound on its panels)."""
    cells = json.loads(Path(path).read_text())["cells"]
    return sum(1 for c in cells if c["cell_type"] == "code" and LIVE_CALL.search("".join(c["source"])))


def live_panel_notebooks(folder: Path = NOTEBOOKS) -> list[Path]:
    """The course notebooks (``NN_name.ipynb``) that contain at least one live panel."""
    return [p for p in sorted(Path(folder).glob("[0-9][0-9]_*.ipynb")) if live_panel_count(p)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class JupyterLab:
    """A JupyterLab server on 127.0.0.1 with a random port and token, in a temp folder.

    Use as a context manager; :meth:`stop` shuts kernels and server down even after an
    error. :meth:`add` copies a notebook's folder into the served tree.
    """

    def __init__(self, *, jupyter: str | Path | None = None, workdir: str | Path | None = None,
                 windowing: str = "none"):
        self.windowing = windowing          # the notebook's windowingMode setting
        self.jupyter = str(jupyter or Path(sys.executable).with_name("jupyter"))
        self._tmp = None if workdir else tempfile.TemporaryDirectory(prefix="labbrowser-")
        self.workdir = Path(workdir or self._tmp.name)
        self.root = self.workdir / "served"
        self.port = _free_port()
        self.token = secrets.token_hex(16)
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = self.workdir / "jupyterlab.log"
        self.proc: subprocess.Popen | None = None

    # -- server life cycle ---------------------------------------------------------------
    def _environment(self) -> dict:
        w = self.workdir
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("JUPYTER", "IPYTHON", "MPL", "PYTEST_"))}
        env.update(HOME=str(w / "home"), JUPYTER_CONFIG_DIR=str(w / "jupyter/config"),
                   JUPYTER_DATA_DIR=str(w / "jupyter/data"),
                   JUPYTER_RUNTIME_DIR=str(w / "jupyter/runtime"),
                   JUPYTERLAB_SETTINGS_DIR=str(w / "jupyter/lab/user-settings"),
                   JUPYTERLAB_WORKSPACES_DIR=str(w / "jupyter/lab/workspaces"),
                   IPYTHONDIR=str(w / "ipython"), MPLCONFIGDIR=str(w / "matplotlib"),
                   XDG_CACHE_HOME=str(w / "home/.cache"), PYDEVD_DISABLE_FILE_VALIDATION="1")
        return env

    def start(self, timeout: float = 90.0) -> JupyterLab:
        env = self._environment()
        for key in ("HOME", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
                    "IPYTHONDIR", "MPLCONFIGDIR"):
            Path(env[key]).mkdir(parents=True, exist_ok=True)
        self.root.mkdir(parents=True, exist_ok=True)
        settings = Path(env["JUPYTERLAB_SETTINGS_DIR"])
        settings_now = {**LAB_SETTINGS, "@jupyterlab/notebook-extension/tracker":
                        {"windowingMode": self.windowing}}
        for plugin, values in settings_now.items():
            target = settings / f"{plugin}.jupyterlab-settings"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(values))
        cmd = [self.jupyter, "lab", "--no-browser", f"--port={self.port}",
               "--ServerApp.port_retries=0", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.root_dir={self.root}", f"--IdentityProvider.token={self.token}",
               "--allow-root", "--ServerApp.terminals_enabled=False",
               "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
        self._log = open(self.log_path, "wb")
        # A session of its own, so stop() can end the server and its kernels by group id.
        self.proc = subprocess.Popen(cmd, cwd=self.root, env=env, stdout=self._log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                self.api("GET", "/api/status")
                return self
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise TimeoutError(f"JupyterLab did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def stop(self) -> None:
        """Shut every kernel down, then the server; kill the process group if it lingers."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.shutdown_kernels()
            try:
                self.api("POST", "/api/shutdown", timeout=5)
                self.proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired, ValueError):
                pass
        if self.proc.poll() is None:
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(self.proc.pid, sig)
                    self.proc.wait(timeout=5)
                    break
                except (ProcessLookupError, subprocess.TimeoutExpired):
                    pass
        self.proc = None
        self._log.close()
        if self._tmp is not None:
            self._tmp.cleanup()

    def __enter__(self) -> JupyterLab:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def shutdown_kernels(self) -> None:
        """Shut down every kernel of this server (e.g. after a page broke mid-notebook)."""
        try:
            for kernel in self.api("GET", "/api/kernels"):
                self.api("DELETE", f"/api/kernels/{kernel['id']}", timeout=10)
        except (OSError, ValueError):
            pass

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no server log)"

    # -- REST and URLs ---------------------------------------------------------------------
    def api(self, method: str, path: str, *, timeout: float = 5.0):
        request = urllib.request.Request(self.base + path, method=method,
                                         headers={"Authorization": f"token {self.token}"},
                                         data=b"" if method == "POST" else None)
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body.strip() else None

    def add(self, notebook: str | Path, *, trust: bool = False) -> str:
        """Copy the notebook's folder into the served tree; return its path relative to it.

        The whole folder is copied so that figures, data and links next to the notebook
        keep working; copying again picks up notebooks added since. ``trust`` signs the
        copy (``jupyter trust``, in this server's data dir), as a learner's own executed
        notebook is: JupyterLab then restores the widgets saved in it.
        """
        notebook = Path(notebook).resolve()
        target = self.root / notebook.parent.name
        shutil.copytree(notebook.parent, target, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        if trust:                   # what `jupyter trust` does, without starting a process
            copy = target / notebook.name
            notary = NotebookNotary(data_dir=self._environment()["JUPYTER_DATA_DIR"])
            try:
                notary.sign(nbformat.read(copy, as_version=nbformat.NO_CONVERT))
            finally:
                notary.store.close()
        return f"{notebook.parent.name}/{notebook.name}"

    def url(self, relpath: str, workspace: str) -> str:
        """Open ``relpath`` in a workspace of its own (no state shared between pages)."""
        return f"{self.base}/lab/workspaces/{workspace}/tree/{relpath}?reset&token={self.token}"


def launch_chromium(playwright, chromium: str | None = None):
    """Debian's Chromium, headless, with the flags that work here (never a downloaded one)."""
    return playwright.chromium.launch(executable_path=chromium or find_chromium(), headless=True,
                                      args=CHROMIUM_FLAGS)


# Installed in every page before JupyterLab loads (page.add_init_script).
PAGE_JS = r"""
(() => {
  if (window.__lab) return;
  const lab = (window.__lab = {drawListeners: new Set(), iopub: [], watchers: {}, snaps: {}});

  // A course panel copies each frame onto its <canvas> (frames.js): time those paints.
  const proto = CanvasRenderingContext2D.prototype;
  for (const name of ['drawImage', 'putImageData']) {
    const original = proto[name];
    proto[name] = function (...args) {
      const result = original.apply(this, args);
      if (lab.drawListeners.size && this.canvas && this.canvas.isConnected) {
        for (const listener of lab.drawListeners) listener(this.canvas);
      }
      return result;
    };
  }

  const app = () => window.jupyterapp;
  lab.notebook = () => app() && app().shell && app().shell.currentWidget;
  lab.kernel = () => {
    const nb = lab.notebook();
    return nb && nb.sessionContext && nb.sessionContext.session && nb.sessionContext.session.kernel;
  };
  lab.ready = (path) => {
    const nb = lab.notebook(), k = lab.kernel();
    return !!(nb && nb.context && nb.context.path === path && nb.content.model && k
              && k.connectionStatus === 'connected' && k.status === 'idle');
  };
  lab.state = () => {
    const nb = lab.notebook(), k = lab.kernel();
    return `widget=${nb ? (nb.context ? nb.context.path : nb.id) : 'none'} ` +
           `kernel=${k ? k.connectionStatus + '/' + k.status : 'none'}`;
  };

  // Run all cells; record error and stderr messages from the kernel (cells and callbacks).
  lab.runAll = () => {
    const nb = lab.notebook();
    nb.sessionContext.iopubMessage.connect((_, msg) => {
      const type = msg.header.msg_type, c = msg.content;
      const origin = (msg.parent_header && msg.parent_header.msg_type) || '';
      if (type === 'error') lab.iopub.push({type, origin, text: `${c.ename}: ${c.evalue}`});
      if (type === 'stream' && c.name === 'stderr') lab.iopub.push({type: 'stderr', origin, text: c.text});
    });
    lab.runDone = null;
    app().commands.execute('notebook:run-all-cells').then(
      (ok) => { lab.runDone = {ok: ok !== false}; },
      (err) => { lab.runDone = {ok: false, error: String(err)}; });
  };
  // Start a cell's worth of code in the kernel without waiting for it (a busy kernel).
  lab.executeInBackground = (code) => { lab.kernel().requestExecute({code}); return true; };
  lab.kernelStatus = () => (lab.kernel() ? lab.kernel().status : 'none');
  lab.finished = () => !!lab.runDone && !!lab.kernel() && lab.kernel().status === 'idle';

  lab.cellOutputs = () => {
    const found = [], cells = lab.notebook().content.model.cells;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells.get(i);
      if (cell.type !== 'code' || !cell.sharedModel.getSource().trim()) continue;
      if (cell.executionCount == null) found.push({cell: i, kind: 'not run', text: ''});
      for (const o of cell.outputs.toJSON()) {
        if (o.output_type === 'error') found.push({cell: i, kind: 'error', text: `${o.ename}: ${o.evalue}`});
        if (o.output_type === 'stream' && o.name === 'stderr') {
          found.push({cell: i, kind: 'stderr', text: [].concat(o.text).join('')});
        }
      }
    }
    return found;
  };

  // A code cell and its output, in JupyterLab or in the website (MyST-NB's markup).
  const CELL = '.jp-Cell, .cell', OUTPUT = '.jp-OutputArea-output, .cell_output';
  // A panel: the nearest element around a displayed figure that also holds a slider.
  const CANVAS = 'canvas.lessons-frames';
  const FIGURE = `img.widget-image, .widget-output img, ${CANVAS}`;
  const IMAGE = 'img.widget-image, .widget-output img';
  // The image on screen: one with no hidden ancestor (a Tab hides all its children but one).
  // (A selector on the classes, not offsetWidth, which would force a layout mid-flip.)
  const SHOWN = IMAGE.split(', ').map((s) => `${s}:not(.lm-mod-hidden, .lm-mod-hidden *)`).join(', ');
  const shownImage = (p) => p.querySelector(SHOWN);
  const panelEl = (i) => document.querySelector(`[data-lab-panel="${i}"]`);
  const sliderEl = (i, j) => document.querySelector(`[data-lab-slider="${i}-${j}"]`);
  // A course slider (a range input, lessons_lib/controls.js) or an ipywidgets one (noUiSlider).
  const SLIDER = '.lessons-slider, .widget-slider', HANDLE = 'input[type=range], .noUi-handle';
  const READOUT = '.lessons-readout, .widget-readout';
  const sliderInfo = (s) => {
    const h = s.querySelector(HANDLE), r = s.querySelector(READOUT);
    if (h && h.matches('input')) {                 // its value is the position
      return {description: s.querySelector('label').textContent.trim(),
              readout: r.textContent.trim(), valuetext: h.getAttribute('aria-valuetext'),
              now: h.valueAsNumber, min: Number(h.min), max: Number(h.max), disabled: h.disabled};
    }
    const num = (name) => (h && h.hasAttribute(name) ? parseFloat(h.getAttribute(name)) : null);
    const text = num('aria-valuetext');            // aria-valuenow is rounded to 0.1
    return {description: ((s.querySelector('.widget-label') || {}).textContent || '').trim(),
            readout: r ? r.textContent.trim() : null,
            now: Number.isFinite(text) ? text : num('aria-valuenow'),
            min: num('aria-valuemin'), max: num('aria-valuemax'),
            disabled: !!s.querySelector('.noUi-target[disabled]') || s.classList.contains('mod-disabled')};
  };
  // The notebook in JupyterLab, or the whole page of an exported (static) notebook.
  lab.root = () => { const nb = lab.notebook(); return nb ? nb.content.node : document.body; };
  lab.cellIndex = (el) => {
    const nb = lab.notebook();
    if (nb) return nb.content.widgets.findIndex((w) => w.node.contains(el));
    return [...document.querySelectorAll(CELL)].findIndex((c) => c.contains(el));
  };
  lab.findPanels = () => {
    const panels = [];
    for (const fig of lab.root().querySelectorAll(FIGURE)) {
      const cell = fig.closest(CELL);
      if (!cell || !fig.closest(OUTPUT)) continue;
      let p = fig.parentElement;
      while (p && p !== cell && !p.querySelector(SLIDER)) p = p.parentElement;
      if (!p || p === cell || panels.includes(p)) continue;
      panels.push(p);
    }
    return panels.map((p, i) => {
      p.dataset.labPanel = String(i);
      p.dataset.labKind = p.querySelector(CANVAS) ? 'canvas'
                        : p.querySelector('img.widget-image') ? 'image' : 'output';
      const sliders = [...p.querySelectorAll(SLIDER)].filter((s) => s.querySelector(HANDLE));
      sliders.forEach((s, j) => { s.dataset.labSlider = `${i}-${j}`; });
      // a course panel's other controls: choices (radio buttons) and a Play button
      const choices = [...p.querySelectorAll('fieldset.lessons-choice')];
      choices.forEach((c, j) => { c.dataset.labChoice = `${i}-${j}`; });
      const play = p.querySelector('button.lessons-play');
      if (play) play.dataset.labPlay = String(i);
      const status = [...p.querySelectorAll('.widget-html')].map((e) => e.textContent.trim()).join(' ');
      return {index: i, kind: p.dataset.labKind, status,
              cell: lab.cellIndex(p), choices: choices.length, play: !!play,
              sliders: sliders.map((s, j) => Object.assign({index: j}, sliderInfo(s)))};
    });
  };
  lab.slider = ([i, j]) => sliderInfo(sliderEl(i, j));
  // A course canvas's text alternative: its role and name, the frame it shows, and what its
  // live region last read out.
  lab.canvasName = (i) => {
    const c = panelEl(i).querySelector(CANVAS), said = panelEl(i).querySelector('[aria-live]');
    return c && {role: c.getAttribute('role'), name: c.getAttribute('aria-label'),
                 frame: c.dataset.frame === undefined ? null : Number(c.dataset.frame),
                 said: said ? said.textContent : null};
  };
  lab.status = (i) => [...panelEl(i).querySelectorAll('.widget-html')].map((e) => e.textContent.trim()).join(' ');
  lab.figureSize = (i) => {
    const c = panelEl(i).querySelector(CANVAS);
    if (c) return {natural: [c.width, c.height], shown: [c.clientWidth, c.clientHeight]};
    const img = shownImage(panelEl(i));
    return img ? {natural: [img.naturalWidth, img.naturalHeight], shown: [img.clientWidth, img.clientHeight]} : null;
  };
  lab.figureReady = (i) => {
    const p = panelEl(i);
    if (p.dataset.labKind === 'canvas') {
      const c = p.querySelector(CANVAS);       // a course canvas: once its first frame is drawn
      return !c.classList.contains('lessons-frames') || c.dataset.frame !== undefined;
    }
    const img = shownImage(p);
    return !!img && img.complete && img.naturalWidth > 0;
  };

  // Redraws of one panel. `changes`: new src / new canvas paint (distinct redraws);
  // `frames`: the animation frame after the new pixels were decoded (or painted).
  lab.watch = (i) => {
    if (lab.watchers[i]) return;
    const p = panelEl(i);
    const w = (lab.watchers[i] = {changes: [], frames: [], waiters: [], pending: false, last: null});
    const frame = () => {
      if (w.pending) return;
      w.pending = true;
      requestAnimationFrame(() => {
        w.pending = false;
        const t = performance.now();
        w.frames.push(t);
        for (const resolve of w.waiters.splice(0)) resolve(t);
      });
    };
    if (p.dataset.labKind === 'canvas') {
      lab.drawListeners.add((canvas) => {
        if (!p.contains(canvas)) return;
        if (!w.pending) w.changes.push(performance.now());
        frame();
      });
    } else {
      // A redraw is a new <img> on screen, or a new src: a Tab's child shown (its
      // class changed), or a new output image (interact).
      const img0 = shownImage(p);
      w.last = img0 ? [img0, img0.src] : [null, null];
      new MutationObserver(() => {
        const img = shownImage(p);
        if (!img || !img.src || (img === w.last[0] && img.src === w.last[1])) return;
        w.last = [img, img.src];
        w.changes.push(performance.now());
        img.decode().then(frame, frame);
      }).observe(p, {subtree: true, childList: true, attributes: true,
                     attributeFilter: ['src', 'class', 'style']});
    }
  };

  // Key-to-pixels: arm before the key press, then await the next frame of the panel.
  // armWhenQuiet first waits until the panel has had no redraw for quietMs, then arms,
  // and returns the panel's status line (which describes the previous update) and the
  // key to press. key 'sweep' steps towards one end of the slider until it gets there,
  // then towards the other end, so successive presses visit many different values.
  lab.armWhenQuiet = async ([i, j, quietMs, timeoutMs, key]) => {
    await lab.settle([i, quietMs, timeoutMs]);
    if (key === 'sweep') {
      const s = sliderInfo(sliderEl(i, j)), w = lab.watchers[i];
      w.sweep = w.sweep || {};
      let dir = w.sweep[j] || 1;
      if (s.now >= s.max) dir = -1;
      else if (s.now <= s.min) dir = 1;
      w.sweep[j] = dir;
      key = dir > 0 ? 'ArrowRight' : 'ArrowLeft';
    }
    lab.arm(i, j);
    return {status: lab.status(i), key};
  };
  lab.arm = (i, j) => {
    const w = lab.watchers[i];
    w.slider = j;
    w.before = j === undefined ? null : sliderInfo(sliderEl(i, j)).now;
    w.tKey = null;
    w.tArm = performance.now();
    w.onKey = (e) => { if (w.tKey === null) w.tKey = e.timeStamp; };
    window.addEventListener('keydown', w.onKey, {capture: true});
    w.next = new Promise((resolve) => w.waiters.push(resolve));
  };
  // Resolves with the time to the next frame, with null after timeoutMs, or early with
  // {moved: false} when the key left the slider where it was (at the end of its range; the
  // sweep then turns round).
  lab.waitArmed = async ([i, timeoutMs]) => {
    const w = lab.watchers[i];
    let done = false;
    const stuck = new Promise((r) => {
      const poll = () => {
        if (done) return;
        if (w.before !== null && w.tKey !== null && performance.now() - w.tKey > 250) {
          if (sliderInfo(sliderEl(i, w.slider)).now === w.before) r('stuck');
          return;                                   // the key moved the slider
        }
        setTimeout(poll, 50);
      };
      poll();
    });
    const t = await Promise.race([w.next, stuck,
                                  new Promise((r) => setTimeout(() => r(null), timeoutMs))]);
    done = true;
    window.removeEventListener('keydown', w.onKey, {capture: true});
    if (t === 'stuck') {
      if (w.sweep && w.sweep[w.slider]) w.sweep[w.slider] *= -1;
      return {moved: false};
    }
    if (t === null) return null;
    return {moved: true, ms: t - (w.tKey !== null ? w.tKey : w.tArm), keySeen: w.tKey !== null};
  };
  lab.settle = async ([i, quietMs, timeoutMs]) => {
    const w = lab.watchers[i], start = performance.now();
    while (performance.now() - start < timeoutMs) {
      const last = Math.max(w.changes.length ? w.changes[w.changes.length - 1] : 0,
                            w.frames.length ? w.frames[w.frames.length - 1] : 0);
      if (!w.pending && performance.now() - last >= quietMs) return true;
      await new Promise((r) => setTimeout(r, 20));
    }
    return false;
  };
  lab.now = () => performance.now();
  lab.changesBetween = ([i, t0, t1]) => lab.watchers[i].changes.filter((t) => t >= t0 && t <= t1).length;

  // Count distinct readout texts while a slider moves.
  lab.watchReadout = ([i, j]) => {
    const r = sliderEl(i, j).querySelector(READOUT);
    const w = {texts: [], last: r.textContent};
    new MutationObserver(() => {
      if (r.textContent !== w.last) { w.last = r.textContent; w.texts.push(performance.now()); }
    }).observe(r, {subtree: true, childList: true, characterData: true});
    lab[`readout_${i}_${j}`] = w;
  };
  lab.readoutChangesBetween = ([i, j, t0, t1]) =>
    lab[`readout_${i}_${j}`].texts.filter((t) => t >= t0 && t <= t1).length;

  // Pixels of a panel's figure, to check that a redraw changed what is shown.
  const pixels = (i) => {
    const p = panelEl(i);
    if (p.dataset.labKind === 'canvas') {
      const c = p.querySelector(CANVAS);       // the frame a course canvas shows, as its src
      return {src: c.dataset.frame === undefined ? null : c.dataset.frame, w: c.width, h: c.height,
              data: c.getContext('2d').getImageData(0, 0, c.width, c.height).data};
    }
    const img = shownImage(p), c = document.createElement('canvas');
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const ctx = c.getContext('2d', {willReadFrequently: true});
    ctx.drawImage(img, 0, 0);
    return {src: img.src, w: c.width, h: c.height, data: ctx.getImageData(0, 0, c.width, c.height).data};
  };
  lab.snapshot = (i) => { lab.snaps[i] = pixels(i); return {w: lab.snaps[i].w, h: lab.snaps[i].h}; };
  lab.compare = async (i) => {
    const p = panelEl(i), img = shownImage(p);
    if (img) await img.decode().catch(() => null);
    const a = lab.snaps[i], b = pixels(i);
    let changed = 0;
    if (a.w !== b.w || a.h !== b.h) changed = b.w * b.h;
    else for (let k = 0; k < a.data.length; k += 4) {
      if (a.data[k] !== b.data[k] || a.data[k + 1] !== b.data[k + 1] ||
          a.data[k + 2] !== b.data[k + 2] || a.data[k + 3] !== b.data[k + 3]) changed++;
    }
    return {srcChanged: a.src !== b.src, changedPixels: changed, pixels: b.w * b.h,
            size: [b.w, b.h], sizeBefore: [a.w, a.h]};
  };

  // Reuse the page: shut the notebook's kernel down and drop its widget, forget its
  // panels, then open the next notebook.
  lab.closeNotebook = async () => {
    const nb = lab.notebook();
    if (nb && nb.sessionContext) {
      await Promise.race([nb.sessionContext.shutdown(), new Promise((r) => setTimeout(r, 5000))]);
    }
    if (nb && nb.context) nb.dispose();     // dispose(): no "save changes?" dialog
    lab.drawListeners.clear();
    Object.assign(lab, {iopub: [], watchers: {}, snaps: {}, runDone: null});
  };
  lab.open = (path) => { app().commands.execute('docmanager:open', {path, factory: 'Notebook'}); };
})();
"""


class LabPage:
    """One browser page (tab) showing JupyterLab, reused from notebook to notebook.

    :meth:`open` closes the previous notebook (its kernel is shut down) and opens the next
    one in the same page, which saves reloading JupyterLab each time. Console errors
    and uncaught page errors go to the notebook that is open when they happen.
    """

    def __init__(self, lab: JupyterLab, browser, *, viewport: tuple[int, int] = (1280, 900)):
        self.lab, self.browser, self.viewport = lab, browser, viewport
        self.page = None
        self.current: NotebookPage | None = None

    def _new_page(self, relpath: str) -> None:
        width, height = self.viewport
        self.page = self.browser.new_page(viewport={"width": width, "height": height})
        self.page.set_default_timeout(30_000)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda err: self._record(f"uncaught: {err}"))
        self.page.add_init_script(PAGE_JS)
        self.page.goto(self.lab.url(relpath, "w" + secrets.token_hex(4)),
                       wait_until="domcontentloaded")

    def _on_console(self, msg) -> None:
        if msg.type == "error":
            where = (msg.location or {}).get("url", "")
            self._record(msg.text + (f"  [{where}]" if where else ""))

    def _record(self, text: str) -> None:
        if self.current is not None:
            self.current.console_errors.append(text)

    def open(self, notebook: str | Path, *, trust: bool = False) -> NotebookPage:
        """Open ``notebook`` (copied into the served tree, signed if ``trust``); wait with its
        ``wait_for_kernel``."""
        if self.current is not None:
            self.current.close()
        relpath = self.lab.add(notebook, trust=trust)
        self.current = NotebookPage(self, Path(notebook), relpath)
        if self.page is None or self.page.is_closed():
            self._new_page(relpath)
        else:
            self.page.evaluate("(path) => window.__lab.open(path)", relpath)
        return self.current

    def close(self) -> None:
        if self.current is not None:
            self.current.close()
        if self.page is not None:
            if not self.page.is_closed():
                self.page.close()
            self.lab.shutdown_kernels()       # in case the page could not do it
        self.page = None


class NotebookPage:
    """A notebook open in a :class:`LabPage`: run it, find its panels, move its sliders.

    Use as a context manager: leaving it shuts the kernel down; after an error it also
    closes the page, so the next notebook starts from a fresh JupyterLab.
    """

    def __init__(self, owner: LabPage, notebook: Path, relpath: str):
        self.owner, self.notebook, self.relpath = owner, notebook, relpath
        self.console_errors: list[str] = []
        self.closed = False

    @property
    def page(self):
        return self.owner.page

    def js(self, name: str, arg=None):
        """Call ``window.__lab[name](arg)`` in the page (awaits a returned promise)."""
        return self.page.evaluate(f"(arg) => window.__lab.{name}(arg)", arg)

    def wait_for_kernel(self, timeout: float = 120.0) -> None:
        try:
            self.page.wait_for_function("(path) => window.__lab && window.__lab.ready(path)",
                                        arg=self.relpath, timeout=timeout * 1e3, polling=200)
        except Exception as err:
            raise TimeoutError(f"{self.notebook.name}: no connected idle kernel after {timeout:.0f} s "
                               f"({self._state()})") from err

    def run_all(self, timeout: float = 180.0) -> float:
        """Run every cell and wait until the kernel is idle again; return the seconds taken."""
        t0 = time.perf_counter()
        self.js("runAll")
        try:
            self.page.wait_for_function("() => window.__lab.finished()", timeout=timeout * 1e3,
                                        polling=200)
        except Exception as err:
            raise TimeoutError(f"{self.notebook.name}: Run All did not finish within "
                               f"{timeout:.0f} s ({self._state()})") from err
        return time.perf_counter() - t0

    def _state(self) -> str:
        try:
            return self.js("state")
        except Exception as err:  # the page itself may be gone
            return f"page state unavailable: {err}"

    def cell_outputs(self) -> list[dict]:
        """Problems in the cells' outputs: error outputs, stderr text, cells that did not run."""
        return self.js("cellOutputs")

    def kernel_messages(self) -> list[dict]:
        """Error and stderr messages the kernel sent since Run All (cells and widget callbacks)."""
        return self.page.evaluate("() => window.__lab.iopub")

    def panels(self, at_least: int = 1, timeout: float = 30.0, *, stable: float = 1.0) -> list[dict]:
        """The live panels, once at least ``at_least`` show a figure and their count has
        not changed for ``stable`` seconds (0 when ``at_least`` is all there are)."""
        deadline, before, stable_since = time.monotonic() + timeout, None, None
        while True:
            found = self.js("findPanels")
            ready = all(self.js("figureReady", p["index"]) for p in found)
            if len(found) >= at_least and ready and (before is None or len(found) == len(before)):
                stable_since = stable_since or time.monotonic()
                if time.monotonic() - stable_since >= stable:
                    break
            else:
                stable_since = None
            before = found
            if time.monotonic() > deadline:
                break
            time.sleep(0.1)
        for p in found:
            self.js("watch", p["index"])
        return found

    def locator(self, panel: int, slider: int | None = None, css: str = ""):
        key = f'[data-lab-panel="{panel}"]' if slider is None else f'[data-lab-slider="{panel}-{slider}"]'
        return self.page.locator(f"{key} {css}".strip()).first

    def handle(self, panel: int, slider: int):
        """The slider's focusable part: a range input, or ipywidgets' noUiSlider handle."""
        key = f'[data-lab-slider="{panel}-{slider}"]'
        return self.page.locator(f"{key} input[type=range], {key} .noUi-handle").first

    def track(self, panel: int, slider: int):
        """The slider's track: the range input itself, or ipywidgets' noUiSlider target."""
        key = f'[data-lab-slider="{panel}-{slider}"]'
        return self.page.locator(f"{key} input[type=range], {key} .noUi-target").first

    def slider(self, panel: int, slider: int) -> dict:
        return self.js("slider", [panel, slider])

    def focus(self, panel: int, slider: int) -> None:
        handle = self.handle(panel, slider)
        handle.scroll_into_view_if_needed()
        handle.focus()

    def press(self, panel: int, slider: int, key: str, *, timeout: float = 10.0,
              quiet: float = 0.0) -> dict | None:
        """Press ``key`` on the focused handle; return ``{ms, keySeen, status, key}`` of the
        panel's next redraw (key event to the frame after the new pixels are decoded), or
        None if none came within ``timeout``.

        ``key="sweep"`` presses ArrowRight until the slider goes no further, then
        ArrowLeft until it goes no further, and so on (a press that does not move the
        slider turns the sweep round and is repeated; ``moved`` is False if both fail).
        With ``quiet`` > 0 it first waits until the panel has not redrawn for that long;
        ``status`` is the panel's status line at that moment.
        """
        for _ in range(2):      # a sweep that hits the end of the range turns round once
            armed = self.js("armWhenQuiet", [panel, slider, quiet * 1e3, timeout * 1e3, key])
            self.page.keyboard.press(armed["key"])
            result = self.js("waitArmed", [panel, timeout * 1e3])
            if result is None or result["moved"] or key != "sweep":
                break
        return None if result is None else dict(result, status=armed["status"], key=armed["key"])

    def grab(self, panel: int, slider: int, *, tries: int = 3) -> tuple[float, float]:
        """Mouse down on a slider's handle (a range input's thumb); return where. Waits until
        the handle stops moving (typesetting or late outputs shift the page after a scroll)
        and checks that the slider took the grab (noUiSlider's ``noUi-active``, or the
        range input's focus)."""
        handle = self.handle(panel, slider)
        native = handle.evaluate("(h) => h.matches('input')")
        for _ in range(tries):
            handle.scroll_into_view_if_needed()
            box, deadline = handle.bounding_box(), time.monotonic() + 5
            while time.monotonic() < deadline:
                time.sleep(0.15)
                now = handle.bounding_box()
                if now == box:
                    break
                box = now
            x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            if native:                       # the thumb: where the value sits on the track
                at = self.slider(panel, slider)
                share = (at["now"] - at["min"]) / max(at["max"] - at["min"], 1)
                x = box["x"] + 8 + share * (box["width"] - 16)
            self.page.mouse.move(x, y)
            self.page.mouse.down()
            took = (handle.evaluate("(h) => h === document.activeElement") if native
                    else "noUi-active" in (handle.get_attribute("class") or ""))
            if took:
                return x, y
            self.page.mouse.up()
        raise RuntimeError(f"could not grab the handle of slider {slider} in panel {panel}")

    def settle(self, panel: int, quiet: float = 0.3, timeout: float = 10.0) -> bool:
        return self.js("settle", [panel, quiet * 1e3, timeout * 1e3])

    def close(self) -> None:
        """Shut the kernel down and close the notebook (the page stays for the next one)."""
        if self.closed:
            return
        self.closed = True
        try:
            self.page.evaluate("() => window.__lab.closeNotebook()")
        except Exception:
            self.owner.close()            # a broken page: start afresh next time
        if self.owner.current is self:
            self.owner.current = None

    def __enter__(self) -> NotebookPage:
        return self

    def __exit__(self, exc_type, *exc) -> None:
        self.close()
        if exc_type is not None:
            self.owner.close()


WIDGET_STATE = re.compile(
    r'(<script type="application/vnd\.jupyter\.widget-state\+json">)(.*?)(</script>)', re.S)
FRAMES_ESM = "The browser half of a panel (lessons_lib/widgets.py)"   # frames.js's first line


def page_panels(page: str | Path) -> list[dict]:
    """The panel canvases (``Frames``) saved in a built page's widget state, in the order
    saved: each model's ``state`` (``size``, ``shape``, ``tiles``, …) and its ``frames``
    as PNG bytes (frame number = the canvas's ``data-frame``)."""
    import base64

    found = WIDGET_STATE.search(Path(page).read_text(encoding="utf-8"))
    panels = []
    for model in json.loads(found.group(2))["state"].values() if found else []:
        state = model.get("state", {})
        if FRAMES_ESM not in str(state.get("_esm", "")):
            continue
        frames = {b["path"][1]: base64.b64decode(b["data"]) for b in model.get("buffers", [])
                  if b["path"][0] == "frames"}
        panels.append({"state": state, "frames": [frames[k] for k in sorted(frames)]})
    return panels


# axe-core's rules for WCAG 2.0 and 2.1, levels A and AA.
WCAG_21_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

SETTLED_LAYOUT_JS = """async () => {
  const state = () => JSON.stringify([(document.querySelector('main') || document.body).clientWidth,
    ...[...document.querySelectorAll('canvas.lessons-frames')].map((c) =>
      [c.dataset.layout, c.parentElement.clientWidth])]);
  const start = performance.now();
  let last = state(), since = start;
  while (performance.now() - since < 300 && performance.now() - start < 5000) {
    await new Promise((r) => setTimeout(r, 50));
    const now = state();
    if (now !== last) { last = now; since = performance.now(); }
  }
}"""

LAYOUT_JS = """() => {
  const width = document.documentElement.clientWidth;
  const readouts = [...document.querySelectorAll(
      '.lessons-slider .lessons-readout, .widget-slider .widget-readout')].map((r) => {
    const box = r.getBoundingClientRect();
    return {text: r.textContent.trim(), offscreen: box.left < 0 || box.right > width + 1,
            cut: r.scrollWidth > r.clientWidth + 1};
  });
  // Rounded down: a panel shown at 0.597 is not "0.6".
  const scale = (el, drawn) => Math.floor(1000 * el.getBoundingClientRect().width / drawn) / 1000;
  return {
    width, sideways: document.documentElement.scrollWidth - width, readouts,
    panels: [...document.querySelectorAll('canvas.lessons-frames')]
      .map((c) => scale(c, c.width)),
    layouts: [...document.querySelectorAll('canvas.lessons-frames')]
      .map((c) => c.dataset.layout || 'whole'),
    panelScroll: [...document.querySelectorAll('canvas.lessons-frames')]
      .map((c) => c.parentElement.scrollWidth - c.parentElement.clientWidth),
    figures: [...document.querySelectorAll('.cell_output img')].filter((i) => i.naturalWidth)
      .map((i) => scale(i, i.naturalWidth)),
  };
}"""


class StaticSite:
    """A plain static file server for ``folder`` on 127.0.0.1 (a thread; no Jupyter).

    Use as a context manager. ``missing`` lists the paths asked for that were not found.
    """

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.missing: list[str] = []
        site = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_request(self, code="-", size="-"):      # quiet, but keep the 404s
                if getattr(code, "value", code) == 404:          # an HTTPStatus or an int
                    site.missing.append(self.path)

            def log_message(self, fmt, *args):
                pass

        class Server(http.server.ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                if not isinstance(sys.exc_info()[1], ConnectionError):   # a page closed mid-file
                    super().handle_error(request, client_address)

        self._server = Server(("127.0.0.1", 0),
                              functools.partial(Handler, directory=str(self.folder)))
        self.base = f"http://127.0.0.1:{self._server.server_port}/"

    def __enter__(self) -> StaticSite:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()


@functools.cache
def _sizes(path: Path, mtime_ns: int) -> tuple[int, int]:
    """A file's size as it is and gzip-compressed (level 6), once per version of the file
    (every page loads the same scripts and styles)."""
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, 6))


class SitePage:
    """One browser page on a :class:`StaticSite`: open a page of it and drive its panels.

    :meth:`open` returns a :class:`NotebookPage` whose panel methods work on the static
    page (there is no kernel). ``offsite`` collects every request for anything not served
    by the site itself; ``console_errors`` the console errors of the page.
    """

    def __init__(self, site: StaticSite, browser, *, viewport: tuple[int, int] = (1280, 900)):
        self.site, self.browser, self.viewport = site, browser, viewport
        self.page = None
        self.current = None
        self.offsite: list[str] = []

    def open(self, name: str, timeout: float = 60.0, *,
             viewport: tuple[int, int] | None = None) -> NotebookPage:
        """Load ``name`` in a new page, ``viewport`` (width, height) wide, by default the
        one this page was made with."""
        if self.page is not None:
            self.page.close()
        width, height = viewport or self.viewport
        self.page = self.browser.new_page(viewport={"width": width, "height": height})
        self.page.set_default_timeout(timeout * 1e3)
        self.current = NotebookPage(self, Path(name), name)
        self.page.on("console", lambda m: self.current.console_errors.append(m.text)
                     if m.type == "error" else None)
        self.page.on("pageerror", lambda err: self.current.console_errors.append(f"uncaught: {err}"))
        self.page.on("request", self._on_request)
        self.page.add_init_script(PAGE_JS)
        self.page.goto(self.site.base + name, wait_until="load")
        return self.current

    def _on_request(self, request) -> None:
        url = request.url
        if not url.startswith((self.site.base, "data:", "blob:")):
            self.offsite.append(url)

    def weight(self) -> tuple[int, int]:
        """Bytes the open page loaded, its HTML and everything it fetched from the site: as
        decoded, and gzip-compressed (level 6) as a static host such as GitHub Pages sends
        them (the test server sends files as they are)."""
        self.page.evaluate("() => document.fonts.ready")    # the icon fonts the page uses
        urls = self.page.evaluate(
            "() => performance.getEntriesByType('navigation').concat("
            "performance.getEntriesByType('resource')).map((e) => e.name)")
        raw = packed = 0
        for url in urls:
            if not url.startswith(self.site.base):
                continue
            path = self.site.folder / unquote(urlsplit(url).path).lstrip("/")
            if path.is_dir():
                path = path / "index.html"
            if path.is_file():
                size, compressed = _sizes(path, path.stat().st_mtime_ns)
                raw, packed = raw + size, packed + compressed
        return raw, packed

    def axe(self, tags: tuple[str, ...] = WCAG_21_AA, *, within: str | None = None
            ) -> dict[str, list[str]]:
        """Run axe-core (``node_modules/axe-core``, from npm) on the open page with the rules
        of ``tags``, on the whole page or only the elements ``within`` selects (a CSS
        selector); returns each violated rule's id and the elements that break it."""
        if not self.page.evaluate("() => typeof axe !== 'undefined'"):
            self.page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        found = self.page.evaluate(
            "async ([tags, within]) => { const where = within ? document.querySelectorAll(within) "
            ": document; if (within && !where.length) throw new Error(`nothing matches ${within}`); "
            "return (await axe.run(where, {runOnly: {type: 'tag', values: tags}}))"
            ".violations.map((v) => [v.id, v.nodes.map((n) => n.target.join(' '))]); }",
            [list(tags), within])
        return dict(found)

    def resize(self, viewport: tuple[int, int]) -> None:
        """Make the open page ``viewport`` (width, height) and wait until it has settled:
        the theme animates its columns for about 0.2 s and the panels follow their boxes
        (ResizeObserver), so until the main column's width and every panel's layout have
        not changed for 0.3 s (at most 5 s)."""
        self.page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
        self.page.evaluate(SETTLED_LAYOUT_JS)

    def layout(self) -> dict:
        """How the open page fits its viewport: ``sideways`` (px the page scrolls
        sideways), each slider's readout (its text, whether it lies off-screen and whether
        its text is cut), each panel's and each static figure's scale (shown width /
        drawn width, rounded down to 0.001), each panel's ``layouts`` (``"whole"`` or
        ``"stacked"``: its tiles one under the other, frames.js) and ``panelScroll``, how
        far each panel's own box scrolls sideways (px)."""
        return self.page.evaluate(LAYOUT_JS)

    def close(self) -> None:
        if self.page is not None and not self.page.is_closed():
            self.page.close()
        self.page = None

