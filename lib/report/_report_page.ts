/**
 * The fixed parts of `report.html`: its content security policy, style sheet and script. The
 * policy forbids every request (`default-src 'none'`): the page only ever shows what it holds.
 *
 * @module
 */

/** Nothing may be fetched: images are data URIs, style and script are inline. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

/** The style sheet. */
export const REPORT_CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:16px;color:#222;background:#fafafa}
h1{font-size:20px;margin:0 0 8px}h2{font-size:16px;margin:24px 0 8px;border-bottom:1px solid #ddd}
table.run td,table.run th{text-align:left;padding:2px 12px 2px 0;vertical-align:top}
table.counts{border-collapse:collapse;margin-top:8px}table.counts td,table.counts th{padding:2px 10px;border:1px solid #ddd;text-align:right}
svg text{font:12px system-ui,sans-serif;fill:#222}svg .id{fill:#777}svg .value{fill:#444}
svg g.absent text{fill:#b00020;font-weight:bold}svg text.bin{font-size:10px}
.charts{display:flex;gap:32px;flex-wrap:wrap}.charts figure{margin:0}.charts figcaption{font-weight:bold}
.controls{display:flex;gap:12px;align-items:center;margin:8px 0;flex-wrap:wrap}
#gallery{display:flex;flex-wrap:wrap;gap:8px}
figure.thumb{margin:0;width:168px;background:#fff;border:1px solid #ddd;padding:4px;box-sizing:border-box}
figure.thumb img{display:block;max-width:160px;max-height:160px;image-rendering:pixelated;margin:0 auto}
figure.thumb figcaption{font-size:11px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
figure.thumb .kept{height:60px;display:flex;align-items:center;justify-content:center;color:#777}
table.problems{border-collapse:collapse}table.problems td,table.problems th{border:1px solid #ddd;padding:2px 8px;text-align:left}
code{font-size:12px}
`;

/** The gallery: filters by name and label, and pages of {@linkcode GALLERY_PAGE} thumbnails. */
export const GALLERY_PAGE = 120;

/**
 * The script: sorts the gallery's records by file name, then renders one page of the gallery at a
 * time, from the JSON data in the page.
 */
export const REPORT_SCRIPT = `
(() => {
  "use strict";
  const data = JSON.parse(document.getElementById("report-data").textContent);
  // Written as tasks ended, in any order: shown by file name (unique in an export).
  data.tasks.sort((a, b) => a.f < b.f ? -1 : a.f > b.f ? 1 : 0);
  const byId = (id) => document.getElementById(id);
  const nameInput = byId("filter-name");
  const labelSelect = byId("filter-label");
  const gallery = byId("gallery");
  const status = byId("gallery-status");
  const previous = byId("page-previous");
  const next = byId("page-next");
  let page = 0;
  let shown = data.tasks;
  data.labels.forEach((label, i) => {
    const option = document.createElement("option");
    option.value = String(i);
    option.textContent = label.name + " (" + label.id + ")";
    labelSelect.append(option);
  });
  const hrefOf = (file) => "./" + file.split("/").map(encodeURIComponent).join("/");
  function render() {
    const pages = Math.max(1, Math.ceil(shown.length / ${GALLERY_PAGE}));
    page = Math.max(0, Math.min(page, pages - 1));
    const cards = shown.slice(page * ${GALLERY_PAGE}, (page + 1) * ${GALLERY_PAGE}).map((task) => {
      const figure = document.createElement("figure");
      figure.className = "thumb";
      figure.dataset.labels = task.l.join(" ");
      if (task.t) {
        const image = document.createElement("img");
        image.alt = task.n;
        image.src = "data:image/png;base64," + task.t;
        figure.append(image);
      } else {
        const kept = document.createElement("div");
        kept.className = "kept";
        kept.textContent = "kept from an earlier run";
        figure.append(kept);
      }
      const caption = document.createElement("figcaption");
      const link = document.createElement("a");
      link.href = hrefOf(task.f);
      link.textContent = task.n;
      link.title = task.n + " · " + task.i + " instances";
      caption.append(link);
      figure.append(caption);
      return figure;
    });
    gallery.replaceChildren(...cards);
    status.textContent = shown.length + " of " + data.tasks.length + " tasks · page " +
      (page + 1) + " of " + pages;
    previous.disabled = page === 0;
    next.disabled = page >= pages - 1;
  }
  function filter() {
    const text = nameInput.value.trim().toLowerCase();
    const label = labelSelect.value;
    shown = data.tasks.filter((task) =>
      (text === "" || task.n.toLowerCase().includes(text)) &&
      (label === "" || (label === "none" ? task.l.length === 0 : task.l.includes(Number(label))))
    );
    page = 0;
    render();
  }
  nameInput.addEventListener("input", filter);
  labelSelect.addEventListener("change", filter);
  previous.addEventListener("click", () => { page--; render(); });
  next.addEventListener("click", () => { page++; render(); });
  filter();
})();
`;
