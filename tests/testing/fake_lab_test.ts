import assert from "../_std/assert.ts";
import { type FakeLab, type FakeLabOptions, startFakeLab } from "../../testing/fake_lab.ts";
import { CONFIGURATION, get, LOGIN, logIn, PROJECT, TASKS, tokenOf } from "./_lab_requests.ts";

/** The ids of the tasks the lab lists for a query on project p1 (one page of up to 1000). */
async function idsFor(lab: FakeLab, filters: string): Promise<string[]> {
  const query = `projectId=p1&pagination=true&page=1&limit=1000&${filters}`;
  const { status, body } = await get(lab, `${TASKS}?${query}`, await tokenOf(lab));
  assert.equal(status, 200, JSON.stringify(body));
  return body.docs.map((task: { _id: string }) => task._id);
}

function ids(...numbers: number[]): string[] {
  return numbers.map((n) => `task_${String(n).padStart(4, "0")}`);
}

function withLab(options: Partial<FakeLabOptions>, test: (lab: FakeLab) => Promise<void>) {
  return async () => {
    await using lab = await startFakeLab({ projects: [PROJECT], ...options });
    await test(lab);
  };
}

Deno.test("startFakeLab() logs in with a form", async (t) => {
  await t.step(
    "answering 201 with a new token and its lifetime",
    withLab({ tokenTtlSeconds: 90 }, async (lab) => {
      const { status, body } = await logIn(lab);
      assert.equal(status, 201);
      assert.deepEqual(body, { access_token: lab.issuedTokens[0], expires_in: 90 });
      assert.deepEqual([...lab.requests[0].form ?? []], [
        ["access_id", "demo-access-id"],
        ["secret_key", "demo-secret-key"],
      ]);
    }),
  );

  await t.step(
    "answering 401 to wrong credentials and 400 to missing ones",
    withLab({ accessId: "me", secretKey: "pw" }, async (lab) => {
      assert.deepEqual(await logIn(lab, { secret_key: "nope" }), {
        status: 401,
        body: { statusCode: 401, message: "Unauthorized" },
      });
      assert.equal((await logIn(lab, { access_id: "" })).status, 400);
      assert.deepEqual(lab.issuedTokens, []);
    }),
  );

  await t.step(
    "answering 400 to the right credentials in a JSON body",
    withLab({}, async (lab) => {
      const response = await fetch(new URL(LOGIN, lab.url), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ access_id: lab.accessId, secret_key: lab.secretKey }),
      });
      assert.equal(response.status, 400);
      assert.match((await response.json()).message, /x-www-form-urlencoded/);
      assert.deepEqual(lab.issuedTokens, []);
    }),
  );
});

Deno.test("startFakeLab() wants a valid bearer token", async (t) => {
  await t.step(
    "answering 401 without one or with an unknown one",
    withLab({}, async (lab) => {
      assert.equal((await get(lab, CONFIGURATION)).status, 401);
      assert.equal((await get(lab, CONFIGURATION, "made-up")).status, 401);
      assert.deepEqual(
        lab.requests.map((r) => [r.authorization, r.authorized]),
        [[false, false], [true, false]],
      );
    }),
  );

  await t.step(
    "refusing an expired token",
    withLab({ tokenTtlSeconds: 0 }, async (lab) => {
      assert.equal((await get(lab, CONFIGURATION, await tokenOf(lab))).status, 401);
    }),
  );

  await t.step(
    "refusing a token after it served revokeTokenAfterRequests requests",
    withLab({ revokeTokenAfterRequests: 2 }, async (lab) => {
      const token = await tokenOf(lab);
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await get(lab, CONFIGURATION, token)).status);
      assert.deepEqual(statuses, [200, 200, 401]);
      assert.equal((await get(lab, CONFIGURATION, await tokenOf(lab))).status, 200);
    }),
  );
});

Deno.test(
  "startFakeLab() serves configurations, 404 for unknown projects, 403 for forbidden ones",
  withLab({ forbiddenProjects: ["p_hidden"] }, async (lab) => {
    const token = await tokenOf(lab);
    assert.deepEqual(
      await get(lab, CONFIGURATION, token).then((r) => r.body),
      PROJECT.configuration,
    );
    const unknown = await get(lab, CONFIGURATION.replace("p1", "p_none"), token);
    assert.deepEqual([unknown.status, unknown.body.statusCode], [404, 404]);
    assert.match(unknown.body.message, /p_none/);
    assert.equal((await get(lab, CONFIGURATION.replace("p1", "p_hidden"), token)).status, 403);
    const paged = "pagination=true&page=1&limit=100";
    assert.equal((await get(lab, `${TASKS}?projectId=p_none&${paged}`, token)).status, 404);
    assert.equal((await get(lab, `${TASKS}?projectId=p_hidden&${paged}`, token)).status, 403);
    assert.equal((await get(lab, "api/elsewhere", token)).status, 404);
  }),
);

Deno.test("startFakeLab() applies every task filter", async (t) => {
  await using lab = await startFakeLab({ projects: [PROJECT] });
  const cases: [string, string, string[]][] = [
    ["batchIds", "batchIds=batch_b", ids(1, 3, 5, 7, 9, 11)],
    ["statuses, repeated", "statuses=reviewed&statuses=to-review", ids(1, 2, 4, 5, 7, 8, 10, 11)],
    ["taskIds", "taskIds=task_0003&taskIds=task_0000", ids(0, 3)],
    ["taskNames", "taskNames=street%2Fframe_0004.jpg", ids(4)],
    ["nameLike", "nameLike=frame_001", ids(10, 11)],
    ["createdAt >", "createdAt=%3E2024-12-10 09:30:00", ids(10, 11)],
    ["createdAt >=", "createdAt=%3E%3D2024-12-10 09:30:00", ids(9, 10, 11)],
    ["createdAt <", "createdAt=%3C2024-12-03", ids(0, 1)],
    ["createdAt <=, ISO with offset", "createdAt=%3C%3D2024-12-02T10:30:00%2B01:00", ids(0, 1)],
    ["a date range", "updatedAt=%3E2024-12-05&updatedAt=%3C2024-12-08", ids(3, 4, 5)],
    ["data.<path>", "data.body.image.width=105", ids(5)],
    ["properties.<name>, with others", "properties.camera=rear&statuses=complete", ids(3, 9)],
    ["optionalFields, which select no task", "optionalFields=metrics&taskIds=task_0001", ids(1)],
  ];
  for (const [name, filters, expected] of cases) {
    await t.step(name, async () => assert.deepEqual(await idsFor(lab, filters), expected));
  }

  await t.step("answering 400 to a bad date, an unknown or repeated parameter", async () => {
    const token = await tokenOf(lab);
    const queries = [
      "createdAt=2024-12-01",
      "createdAt=%3Esoon",
      "colour=red",
      "projectId=p1",
      "nameLike=a&nameLike=b",
      "data.body.image.width=105&data.body.image.width=106",
      "",
    ];
    for (const query of queries) {
      const { status, body } = await get(
        lab,
        `${TASKS}?projectId=p1&pagination=true&page=1&limit=100&${query}`.replace(/&$/, ""),
        token,
      );
      assert.equal(status, query === "" ? 200 : 400, query);
      if (query !== "") assert.equal(body.statusCode, 400);
    }
    const paged = "pagination=true&page=1&limit=100";
    assert.equal((await get(lab, `${TASKS}?${paged}`, token)).status, 400);
  });
});

Deno.test("startFakeLab() pages tasks like the lab", async (t) => {
  await using lab = await startFakeLab({ projects: [PROJECT] });
  const token = await tokenOf(lab);
  const page = (query: string) => get(lab, `${TASKS}?projectId=p1&${query}`, token);

  await t.step("with every paging field", async () => {
    const { body } = await page("pagination=true&page=2&limit=5&optionalFields=data");
    assert.deepEqual(body.docs, PROJECT.tasks.slice(5, 10));
    assert.deepEqual({ ...body, docs: undefined }, {
      docs: undefined,
      totalDocs: 12,
      limit: 5,
      totalPages: 3,
      page: 2,
      pagingCounter: 6,
      hasPrevPage: true,
      hasNextPage: true,
      prevPage: 1,
      nextPage: 3,
    });
  });

  await t.step("at most 1000 per page, nothing past the end", async () => {
    assert.equal((await page("pagination=true&page=1&limit=5000")).body.limit, 1000);
    const last = (await page("pagination=true&page=9&limit=5")).body;
    assert.deepEqual([last.docs, last.hasNextPage, last.nextPage], [[], false, null]);
    assert.equal((await page("pagination=true&page=0&limit=5")).status, 400);
  });

  await t.step("answering 400 without pagination=true, a page or a limit", async () => {
    for (
      const query of [
        "pagination=false&page=1&limit=5",
        "page=1&limit=5",
        "pagination=true&limit=5",
        "pagination=true&page=1",
      ]
    ) {
      const { status, body } = await page(query);
      assert.equal(status, 400, query);
      assert.match(body.message, /pagination=true, page and limit are required/);
    }
  });
});

Deno.test("startFakeLab() serves task data and masks only when optionalFields asks", async (t) => {
  const seg = {
    _id: "t_seg",
    name: "a.jpg",
    jobs: [{ id: "job_1" }],
    metrics: { seconds: 12 },
    data: { type: "default", body: { image: { width: 2, height: 1 }, mask: "data:seg" } },
  };
  const form = {
    _id: "t_form",
    name: "b.jpg",
    data: { body: { comment: { value: "ok" }, seg_main: { mask: "data:form", image: {} } } },
  };
  await using lab = await startFakeLab({
    projects: [{ configuration: { projectId: "p1", projectType: "form" }, tasks: [seg, form] }],
  });
  const token = await tokenOf(lab);
  const docsFor = async (fields: string[]) => {
    const query = new URLSearchParams({ projectId: "p1", pagination: "true", page: "1" });
    query.append("limit", "100");
    for (const field of fields) query.append("optionalFields", field);
    const { status, body } = await get(lab, `${TASKS}?${query}`, token);
    assert.equal(status, 200, JSON.stringify(body));
    return body.docs;
  };

  await t.step("no data, jobs or metrics without optionalFields", async () => {
    assert.deepEqual(await docsFor([]), [{ _id: "t_seg", name: "a.jpg" }, {
      _id: "t_form",
      name: "b.jpg",
    }]);
  });

  await t.step("data without its masks for optionalFields=data", async () => {
    assert.deepEqual((await docsFor(["data"])).map((task: { data: unknown }) => task.data), [
      { type: "default", body: { image: { width: 2, height: 1 } } },
      { body: { comment: { value: "ok" }, seg_main: { image: {} } } },
    ]);
  });

  await t.step("no data for data.mask alone", async () => {
    assert.deepEqual((await docsFor(["data.mask"])).map((task: object) => "data" in task), [
      false,
      false,
    ]);
  });

  await t.step("every field, masks included, for the export's four", async () => {
    assert.deepEqual(await docsFor(["data", "data.mask", "jobs", "metrics"]), [seg, form]);
  });
});
