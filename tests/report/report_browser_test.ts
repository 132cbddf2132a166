/**
 * Opens an export's report.html in a headless Chromium-family browser (Debian's `chromium`, or the
 * Google Chrome of GitHub's ubuntu runners; see `_find_browser.ts` for where it is looked for),
 * driven over the DevTools protocol by puppeteer-core, and checks what a person would see. Without
 * a browser it is skipped, saying why and how to get one (`_browser_plan.ts`), unless
 * `LAB_MASKS_REQUIRE_BROWSER=1` (as `.ci/run` sets): then it fails.
 *
 * @module
 */
import puppeteer, { type Browser } from "puppeteer-core";
import assert from "../_std/assert.ts";
import { reportCounts } from "../../lib/report/render_report.ts";
import { tempDir } from "../_fixtures/temp_dir.ts";
import { browserPlan, FIXES } from "./_browser_plan.ts";
import { exportWithReport, HOSTILE_TASK, reportData, reportTasks } from "./_report_fixture.ts";

const PLAN = browserPlan({ env: (name) => Deno.env.get(name), os: Deno.build.os });
const NAME = "report.html opens in Chromium without a request or an error, and its gallery filters";
// A skipped test says why in the suite's output: in its name, and in a line before the tests.
if (!PLAN.run) console.log(`Skipping the browser test: ${PLAN.reason}`);

async function launchBrowser(profile: string): Promise<Browser> {
  // Not run when skipped; run to fail, saying why, when the browser is required but missing.
  if (!PLAN.run) throw new Error(PLAN.reason);
  if (PLAN.browser === undefined) throw new Error(PLAN.failure);
  const executablePath = PLAN.browser;
  try {
    return await puppeteer.launch({
      executablePath,
      userDataDir: profile,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  } catch (error) {
    throw new Error(
      `Cannot start the headless browser at ${executablePath} (${error}). ${FIXES}`,
    );
  }
}

Deno.test({
  name: PLAN.run ? NAME : `${NAME} (skipped: ${PLAN.reason})`,
  ignore: !PLAN.run,
  // puppeteer-core's websocket and child process outlive a test's own bookkeeping; both are
  // closed in `finally`.
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    await using dir = await tempDir();
    // A second task named as the first: written under another file name, with its own caption.
    const [first] = reportTasks();
    const summary = await exportWithReport(dir.path, {}, [...reportTasks(), {
      ...first,
      _id: "t8",
    }]);
    const html = await Deno.readTextFile(summary.report!);
    const data = reportData(html);
    const documentUrl = new URL(`file://${summary.report}`).href;
    const browser = await launchBrowser(`${dir.path}/profile`);
    try {
      const page = await browser.newPage();
      await page.setViewport({ width: 1100, height: 900 });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(`console: ${message.text()}`);
      });
      page.on("pageerror", (error) => problems.push(`page error: ${error}`));
      await page.setRequestInterception(true);
      page.on("request", (request) => {
        const url = request.url();
        // Inline images are data URIs: they are decoded in place, nothing is fetched.
        if (url === documentUrl || url.startsWith("data:")) return void request.continue();
        requests.push(url);
        void request.abort();
      });
      await page.goto(documentUrl, { waitUntil: "load" });
      // A string: this runs in the page, whose globals the test's type check does not know.
      await page.waitForFunction("[...document.images].every((image) => image.complete)");

      const shownCounts = await page.$$eval(
        "td[data-count]",
        (cells) => cells.map((cell) => [cell.getAttribute("data-count"), Number(cell.textContent)]),
      );
      assert.deepEqual(Object.fromEntries(shownCounts), reportCounts(summary));
      const widths = await page.$$eval(
        "#gallery img",
        (images) =>
          images.map((image) => (image as unknown as { naturalWidth: number }).naturalWidth),
      );
      assert.equal(widths.length, summary.exported, "one thumbnail per exported mask");
      assert.ok(widths.every((width) => width > 0), `every thumbnail decodes: ${widths}`);
      const captions = () =>
        page.$$eval(
          "#gallery figcaption a",
          (links) => links.map((link) => link.textContent).sort(),
        );
      const shown = await captions();
      assert.ok(shown.includes(HOSTILE_TASK), "the hostile name shows as text");
      assert.deepEqual(shown.length, new Set(shown).size, `no two cards share a caption: ${shown}`);
      assert.deepEqual(shown.filter((caption) => caption.startsWith("street/a.jpg")), [
        "street/a.jpg · street/a.jpg.png",
        "street/a.jpg · street/a.jpg__t8.png",
      ]);
      // Records are written as tasks end, in any order; the page shows them by file name.
      const files = await page.$$eval(
        "#gallery figcaption a",
        (links) => links.map((link) => decodeURIComponent(link.getAttribute("href")!.slice(2))),
      );
      assert.deepEqual(files, data.tasks.map((task) => task.f).sort(), "sorted by file name");
      assert.notEqual(await page.title(), "pwned", "no script from a name ran");

      const person = String(data.labels.findIndex((label) => label.id === "person"));
      await page.select("#filter-label", person);
      assert.deepEqual(await captions(), ["park/people.jpg", "street/b.jpg"]);
      const labelsShown = await page.$$eval(
        "#gallery figure",
        (figures) => figures.map((figure) => figure.getAttribute("data-labels")!.split(" ")),
      );
      assert.ok(labelsShown.every((labels) => labels.includes(person)));
      await page.select("#filter-label", "");
      await page.type("#filter-name", "park/");
      assert.deepEqual(await captions(), ["park/empty.jpg", "park/people.jpg"]);

      const screenshot = `${dir.path}/report.png`;
      await page.screenshot({ path: screenshot, fullPage: true });
      const png = await Deno.readFile(screenshot);
      assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47], "the screenshot is a PNG");
      assert.deepEqual(problems, [], "no console error");
      assert.deepEqual(requests, [], "no request besides the document");
    } finally {
      await browser.close();
    }
  },
});
