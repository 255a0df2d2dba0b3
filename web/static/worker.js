// The engine runs here, off the page's thread, so a large plan never freezes the tab.
// Messages in: {id, kind: "review" | "explain" | "rules" | "zip", ...}; out: {id, ok, ...}.
import init, { review, explain, rules, zip_files } from "./pkg/goalsheet_web.js";

const ready = init();

self.onmessage = async (event) => {
  const msg = event.data;
  await ready;
  try {
    if (msg.kind === "review") {
      const out = review(new Uint8Array(msg.bytes), msg.name, msg.lang || undefined, msg.asOf);
      const workbook = out.workbook;
      const json = out.json;
      out.free();
      self.postMessage({ id: msg.id, ok: true, json, workbook }, [workbook.buffer]);
    } else if (msg.kind === "explain") {
      self.postMessage({ id: msg.id, ok: true, text: explain(msg.rule, msg.lang) });
    } else if (msg.kind === "rules") {
      self.postMessage({ id: msg.id, ok: true, json: rules() });
    } else if (msg.kind === "zip") {
      const lengths = new Uint32Array(msg.files.map((f) => f.bytes.byteLength));
      const total = lengths.reduce((a, b) => a + b, 0);
      const all = new Uint8Array(total);
      let at = 0;
      for (const f of msg.files) {
        all.set(new Uint8Array(f.bytes), at);
        at += f.bytes.byteLength;
      }
      const zip = zip_files(msg.files.map((f) => f.name), lengths, all);
      self.postMessage({ id: msg.id, ok: true, zip }, [zip.buffer]);
    }
  } catch (e) {
    // A JsError carries the CLI's one-line reason. A trap (RuntimeError) means the engine
    // stopped inside a damaged file: the page starts a fresh worker for the next one.
    const fatal = e instanceof WebAssembly.RuntimeError;
    self.postMessage({ id: msg.id, ok: false, fatal, error: String(e && e.message ? e.message : e) });
    if (fatal) self.close();
  }
};
