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
 * The script, a module (its names stay out of the page's global scope): sorts the gallery's
 * records by file name, then renders one page of the gallery at a time, from the JSON data in the
 * page. One small function per job: a thumbnail, the label filter's options, a page, a filter.
 */
export const REPORT_SCRIPT = `
const PAGE = ${GALLERY_PAGE};
const byId = (id) => document.getElementById(id);
const hrefOf = (file) => "./" + file.split("/").map(encodeURIComponent).join("/");

/** One task's card: its thumbnail (or a note when an earlier run wrote it) and its link. */
function thumbnail(task) {
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
  link.textContent = task.c;
  link.title = task.n + " · " + task.i + " instances";
  caption.append(link);
  figure.append(caption);
  return figure;
}

/** The label filter's choices, one per label of the export. */
function addLabelOptions(labels, select) {
  labels.forEach((label, i) => {
    const option = document.createElement("option");
    option.value = String(i);
    option.textContent = label.name + " (" + label.id + ")";
    select.append(option);
  });
}

/** Shows the view's page of the tasks it filtered, with the count and the page buttons. */
function renderPage(view) {
  const pages = Math.max(1, Math.ceil(view.shown.length / PAGE));
  view.page = Math.max(0, Math.min(view.page, pages - 1));
  const cards = view.shown.slice(view.page * PAGE, (view.page + 1) * PAGE).map(thumbnail);
  byId("gallery").replaceChildren(...cards);
  byId("gallery-status").textContent = view.shown.length + " of " + view.tasks.length +
    " tasks · page " + (view.page + 1) + " of " + pages;
  byId("page-previous").disabled = view.page === 0;
  byId("page-next").disabled = view.page >= pages - 1;
}

/** Keeps the tasks whose name holds the typed text and that have the chosen label. */
function filterTasks(view) {
  const text = byId("filter-name").value.trim().toLowerCase();
  const label = byId("filter-label").value;
  view.shown = view.tasks.filter((task) =>
    (text === "" || task.n.toLowerCase().includes(text)) &&
    (label === "" || (label === "none" ? task.l.length === 0 : task.l.includes(Number(label))))
  );
  view.page = 0;
  renderPage(view);
}

/**
 * Gives each task its card's caption: its name, or, for tasks that share a name (written under
 * other file names), the name and its file, so no two cards read the same.
 */
function captionTasks(tasks) {
  const count = new Map();
  for (const task of tasks) count.set(task.n, (count.get(task.n) || 0) + 1);
  for (const task of tasks) task.c = count.get(task.n) > 1 ? task.n + " · " + task.f : task.n;
}

/** Reads the page's data and wires the filters and the page buttons. */
function startGallery() {
  const data = JSON.parse(byId("report-data").textContent);
  // Written as tasks ended, in any order: shown by file name (unique in an export).
  data.tasks.sort((a, b) => a.f < b.f ? -1 : a.f > b.f ? 1 : 0);
  captionTasks(data.tasks);
  const view = { tasks: data.tasks, shown: data.tasks, page: 0 };
  addLabelOptions(data.labels, byId("filter-label"));
  byId("filter-name").addEventListener("input", () => filterTasks(view));
  byId("filter-label").addEventListener("change", () => filterTasks(view));
  byId("page-previous").addEventListener("click", () => { view.page--; renderPage(view); });
  byId("page-next").addEventListener("click", () => { view.page++; renderPage(view); });
  filterTasks(view);
}

startGallery();
`;
