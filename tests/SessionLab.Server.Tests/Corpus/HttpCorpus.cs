namespace SessionLab.Server.Tests.Corpus;

/// <summary>
/// Bad HTTP requests, each with the status and problem-details <c>code</c> it must get. Every route is first given the
/// same tampered and misplaced tokens (<see cref="TokenCases"/>), then its own bad inputs.
/// </summary>
internal static class HttpCorpus
{
    /// <summary>Routes every token case is tried on: how to reach each with a request that a right token would pass.</summary>
    private static readonly (string Route, string Method, string Path, string? Body, bool Writes, bool Study)[] Guarded =
    [
        ("GET /api/studies/{studyId}", "GET", "/api/studies/$studyA", null, false, true),
        ("GET /api/studies/{studyId}/sessions", "GET", "/api/studies/$studyA/sessions", null, false, true),
        ("PUT /api/studies/{studyId}", "PUT", "/api/studies/$studyA", """{"expectedVersion":1,"name":"Checkout","tasks":[{"title":"T","instructions":"I"}],"tags":[]}""", true, true),
        ("GET /api/studies/{studyId}/versions", "GET", "/api/studies/$studyA/versions", null, false, true),
        ("POST /api/studies/{studyId}/tags", "POST", "/api/studies/$studyA/tags", """{"name":"spotted"}""", true, true),
        ("POST /api/studies/{studyId}/sessions", "POST", "/api/studies/$studyA/sessions", """{"participantAlias":"P9"}""", true, true),
        ("GET /api/studies/{studyId}/report", "GET", "/api/studies/$studyA/report?format=json", null, false, true),
        ("GET /api/studies/{studyId}/findings/severities", "GET", "/api/studies/$studyA/findings/severities", null, false, true),
        ("PUT /api/studies/{studyId}/findings/{tag}/severity", "PUT", "/api/studies/$studyA/findings/confusion/severity", """{"severity":3}""", true, true),
        ("DELETE /api/studies/{studyId}/findings/{tag}/severity", "DELETE", "/api/studies/$studyA/findings/confusion/severity", null, true, true),
        ("GET /api/sessions/{sessionId}", "GET", "/api/sessions/$live", null, false, false),
        ("GET /api/sessions/{sessionId}/events", "GET", "/api/sessions/$live/events?after=0", null, false, false),
        ("GET /api/sessions/{sessionId}/study", "GET", "/api/sessions/$live/study", null, false, false),
        ("POST /api/sessions/{sessionId}/invites", "POST", "/api/sessions/$live/invites", """{"role":"moderator"}""", true, false),
        ("POST /api/sessions/{sessionId}/end", "POST", "/api/sessions/$live/end", null, true, false),
        ("POST /api/sessions/{sessionId}/recordings", "POST", "/api/sessions/$live/recordings", """{"kind":"liveCapture","contentType":"video/webm"}""", true, false),
        ("GET /api/sessions/{sessionId}/recordings", "GET", "/api/sessions/$live/recordings", null, false, false),
        ("GET /api/sessions/{sessionId}/recordings/{recordingId}", "GET", "/api/sessions/$live/recordings/$recComplete", null, false, false),
        ("PATCH /api/sessions/{sessionId}/recordings/{recordingId}", "PATCH", "/api/sessions/$live/recordings/$recComplete", """{"durationMs":1}""", true, false),
        ("PUT /api/sessions/{sessionId}/recordings/{recordingId}/chunks/{index:int}", "PUT", "/api/sessions/$live/recordings/$recUploading/chunks/1", "12345", true, false),
        ("GET /api/sessions/{sessionId}/recordings/{recordingId}/upload", "GET", "/api/sessions/$live/recordings/$recUploading/upload", null, true, false),
        ("POST /api/sessions/{sessionId}/recordings/{recordingId}/complete", "POST", "/api/sessions/$live/recordings/$recUploading/complete", """{"chunkCount":1}""", true, false),
        ("GET /api/sessions/{sessionId}/recordings/{recordingId}/playback", "GET", "/api/sessions/$live/recordings/$recComplete/playback", null, false, false),
        ("GET /api/sessions/{sessionId}/notes/{noteId:guid}/clip", "GET", "/api/sessions/$live/notes/$noteMod/clip", null, false, false),
        ("PUT /api/sessions/{sessionId}/notes/{noteId:guid}/clip", "PUT", "/api/sessions/$live/notes/$noteMod/clip", """{"beforeSeconds":1,"afterSeconds":2}""", true, false),
        ("POST /api/sessions/{sessionId}/notes/{noteId:guid}/clip/export", "POST", "/api/sessions/$live/notes/$noteMod/clip/export", null, false, false),
        ("GET /api/sessions/{sessionId}/highlights/{tag}", "GET", "/api/sessions/$live/highlights/confusion", null, false, false),
        ("POST /api/studies/{studyId}/shares/", "POST", "/api/studies/$studyA/shares", "{}", true, true),
        ("GET /api/studies/{studyId}/shares/", "GET", "/api/studies/$studyA/shares", null, false, true),
        ("DELETE /api/studies/{studyId}/shares/{shareId}", "DELETE", "/api/studies/$studyA/shares/$shareId:A", null, true, true),
    ];

    /// <summary>The routes a view-only link to the report opens: there a link that no longer works says why; elsewhere any link is the wrong key.</summary>
    private static readonly string[] OpenedByALink =
        ["GET /api/studies/{studyId}/report", "GET /api/sessions/{sessionId}/notes/{noteId:guid}/clip", "GET /api/sessions/{sessionId}/highlights/{tag}"];

    /// <summary>Characters the name rule refuses that nobody sees: zero-width space, LRM, RLM, the Arabic letter mark, the BOM.</summary>
    private static readonly (string Code, string What)[] Invisible =
        [("200B", "U+200B (zero-width space)"), ("200E", "U+200E (LRM)"), ("200F", "U+200F (RLM)"), ("061C", "U+061C (Arabic letter mark)"), ("FEFF", "U+FEFF (BOM)")];

    public static IReadOnlyList<HttpCase> All { get; } = [.. TokenCases(), .. Studies(), .. StudyEdits(), .. Sessions(), .. Access(), .. Recordings(), .. Chunks(), .. Clips(), .. Playback(), .. Reports(), .. Shares(), .. Accounts(), .. Workspaces(), .. WorkspaceStorage(), .. Unrouted()];

    /// <summary>
    /// Token tampering and misplaced links, on every guarded route: a missing, truncated, altered, re-encoded, forged or
    /// expired token is 401; a working link for something else (another study, another session, a weaker role) is 403.
    /// </summary>
    private static IEnumerable<HttpCase> TokenCases()
    {
        var index = 0;
        foreach (var (route, method, path, body, writes, study) in Guarded)
        {
            var owner = study ? "owner:A" : "inv:mod:live";
            HttpCase Case(string what, string? token, int status, string code) =>
                new($"{route}: {what}", method, path, token, status, code) { Route = route, Body = body };
            yield return Case("no token", null, 401, "signInRequired");
            yield return Case("flipped signature byte", $"$flip:{owner}", 401, "invalidToken");
            yield return Case("expired token", study ? "$expired:owner:A" : "$expired:inv:mod:live", 401, "tokenExpired");
            // One more way of spoiling a token per route, in turn: every route validates through the same check, whose
            // every spelling is tried on GET /api/access and on the hub's Join.
            yield return (index++ % 6) switch
            {
                0 => Case("truncated token", $"$trunc:{owner}", 401, "invalidToken"),
                1 => Case("flipped payload byte", $"$flippayload:{owner}", 401, "invalidToken"),
                2 => Case("padded token", $"$pad:{owner}", 401, "invalidToken"),
                3 => Case("token signed by another key", study ? "$foreignkey:owner:A" : "$foreignkey:inv:obs:live", 401, "invalidToken"),
                4 => Case("another token's signature", "$swapsig:owner:A", 401, "invalidToken"),
                _ => Case("identity token instead of a link", "$identity:mod:live", 401, "invalidToken"),
            };
            // A member of another workspace is told the study (or session) does not exist, as for one that does not.
            yield return Case("member of another workspace", "$owner:B", 404, study ? "studyNotFound" : "sessionNotFound");
            if (OpenedByALink.Contains(route))
            {
                yield return Case("revoked view-only link", "$share:revoked", 410, "linkRevoked");
                yield return Case("expired view-only link", "$share:expired", 401, "tokenExpired");
                yield return Case("tampered view-only link", "$flip:share:A", 401, "invalidToken");
                yield return Case("other study's view-only link", "$share:B", 403, "forbidden");
            }
            else
            {
                yield return Case("the study's view-only link", "$share:A", 403, "forbidden");
            }
            yield return Case("participant's invite", "$inv:part:live", 403, "forbidden");
            if (study)
            {
                yield return Case("the study's own session invite", "$inv:mod:live", 403, "forbidden");
            }
            else
            {
                yield return Case("moderator invite of another session (link for B used on A)", "$inv:mod:sessB", 403, "forbidden");
                yield return Case("moderator invite of the study's other session", "$inv:mod:scheduled", 403, "forbidden");
                if (writes)
                {
                    yield return Case("observer's invite on a moderator's route", "$inv:obs:live", 403, "forbidden");
                }
            }
        }
        yield return new HttpCase("GET /api/access: no token", "GET", "/api/access", null, 401, "invalidToken") { Route = "GET /api/access/" };
        yield return new HttpCase("GET /api/access: truncated token", "GET", "/api/access", "$trunc:inv:obs:live", 401, "invalidToken") { Route = "GET /api/access/" };
        yield return new HttpCase("GET /api/access: flipped byte", "GET", "/api/access", "$flip:owner:A", 401, "invalidToken") { Route = "GET /api/access/" };
        yield return new HttpCase("GET /api/access: padded token", "GET", "/api/access", "$pad:owner:A", 401, "invalidToken") { Route = "GET /api/access/" };
        yield return new HttpCase("GET /api/access: identity token", "GET", "/api/access", "$identity:obs:live", 401, "invalidToken") { Route = "GET /api/access/" };
        yield return new HttpCase("GET /api/access: expired invite", "GET", "/api/access", "$expired:inv:obs:live", 401, "tokenExpired") { Route = "GET /api/access/" };
        yield return new HttpCase("GET /api/access: expired owner token", "GET", "/api/access", "$expired:owner:A", 401, "tokenExpired") { Route = "GET /api/access/" };
        yield return new HttpCase("GET /api/access: forged token", "GET", "/api/access", "$foreignkey:owner:A", 401, "invalidToken") { Route = "GET /api/access/" };
        yield return new HttpCase("GET /api/access: standard base64 spelling", "GET", "/api/access", "$std64:repeat:owner:A", 401, "invalidToken") { Route = "GET /api/access/" };
        yield return new HttpCase("GET /api/access: token without prefix", "GET", "/api/access", "$noprefix:owner:A", 401, "invalidToken") { Route = "GET /api/access/" };
        yield return new HttpCase("GET /api/access: other version prefix", "GET", "/api/access", "$v2:owner:A", 401, "invalidToken") { Route = "GET /api/access/" };
        yield return new HttpCase("GET /api/access: zero-width space inside", "GET", "/api/access", "$zw:owner:A", 401, "invalidToken") { Route = "GET /api/access/" };
        yield return new HttpCase("GET /api/access: upper-cased token", "GET", "/api/access", "$upper:owner:A", 401, "invalidToken") { Route = "GET /api/access/" };
        yield return new HttpCase("GET /api/access: token 40 times over", "GET", "/api/access", "$repeat:owner:A", 401, "invalidToken") { Route = "GET /api/access/" };
        yield return new HttpCase("GET /api/access: half a token", "GET", "/api/access", "$half:owner:A", 401, "invalidToken") { Route = "GET /api/access/" };
        yield return new HttpCase("GET /api/access: signature only", "GET", "/api/access", "$nosig:owner:A", 401, "invalidToken") { Route = "GET /api/access/" };
        yield return new HttpCase("GET /api/access: Basic scheme", "GET", "/api/access", null, 401, "invalidToken")
        {
            Route = "GET /api/access/",
            Headers = new Dictionary<string, string> { ["Authorization"] = "Basic dXNlcjpwYXNz" },
        };
        yield return new HttpCase("GET /api/access: bearer scheme with no token", "GET", "/api/access", null, 401, "invalidToken")
        {
            Route = "GET /api/access/",
            Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " },
        };
    }

    private static IEnumerable<HttpCase> Studies()
    {
        const string Route = "POST /api/studies/";
        const string Task = """{"title":"T","instructions":"Do it."}""";
        const string Tag = """{"name":"confusion","color":"#b45309","hotkey":1}""";
        HttpCase Bad(string name, string body, int status = 400, string code = "invalidRequest") =>
            new($"{Route}: {name}", "POST", "/api/studies", "$owner:A", status, code) { Route = Route, Body = body };
        static string Study(string name = "\"Checkout\"", string tasks = $"[{Task}]", string tags = $"[{Tag}]", string extra = "") =>
            $$"""{"name":{{name}},"goal":"g","tasks":{{tasks}},"tags":{{tags}}{{extra}}}""";

        yield return Bad("body is not JSON", "name=Checkout");
        yield return Bad("empty body", "");
        yield return Bad("JSON null", "null");
        yield return Bad("JSON array", "[]");
        yield return Bad("JSON string", "\"study\"");
        yield return Bad("truncated JSON", Study()[..20]);
        yield return Bad("trailing garbage after the object", Study() + " x");
        yield return Bad("two objects", Study() + Study());
        yield return Bad("comment in JSON", "/* hi */" + Study());
        yield return Bad("trailing comma", Study()[..^1] + ",}");
        yield return Bad("single-quoted JSON", Study().Replace('"', '\''));
        yield return Bad("nesting 2000 deep", new string('[', 2000) + new string(']', 2000));
        yield return Bad("nesting 2000 deep in a field", Study(extra: ",\"x\":" + new string('[', 2000) + new string(']', 2000)));
        yield return Bad("name is a number", Study(name: "5"));
        yield return Bad("name is an object", Study(name: "{}"));
        yield return Bad("name is missing", """{"goal":"g","tasks":[{"title":"T","instructions":"Do it."}],"tags":[]}""");
        yield return Bad("name is empty", Study(name: "\"\""));
        yield return Bad("name is blank", Study(name: "\"   \""));
        yield return Bad("name of 121 characters", Study(name: $"\"{new string('n', 121)}\""));
        yield return Bad("name of 100,000 characters", Study(name: $"\"{new string('n', 100_000)}\""));
        yield return Bad("name holds NUL", Study(name: "\"Check\\u0000out\""));
        yield return Bad("name holds a line break", Study(name: "\"Check\\nout\""));
        yield return Bad("name holds ESC", Study(name: "\"Check\\u001bout\""));
        yield return Bad("name holds DEL", Study(name: "\"Check\\u007fout\""));
        yield return Bad("name holds a C1 control", Study(name: "\"Check\\u0085out\""));
        yield return Bad("name holds U+202E (right-to-left override)", Study(name: "\"Check\\u202Eout\""));
        yield return Bad("name holds U+202A (embedding)", Study(name: "\"Check\\u202Aout\""));
        yield return Bad("name holds U+2066 (isolate)", Study(name: "\"Check\\u2066out\""));
        yield return Bad("name holds U+2069 (pop isolate)", Study(name: "\"Check\\u2069out\""));
        yield return Bad("name holds a lone surrogate", Study(name: "\"Check\\uD800out\""));
        foreach (var (code, what) in Invisible)
        {
            yield return Bad($"name holds {what}", Study(name: $"\"Check\\u{code}out\"")) with { Mentions = $"U+{code}" };
            yield return Bad($"a task title with {what}", Study(tasks: $$"""[{"title":"T\u{{code}}1","instructions":"Do it."}]""")) with { Mentions = $"U+{code}" };
            yield return Bad($"tag name with {what}", Study(tags: $$"""[{"name":"conf\u{{code}}usion","color":"#b45309","hotkey":1}]"""));
        }
        yield return Bad("tasks is an object", Study(tasks: "{}"));
        yield return Bad("tasks is null", Study(tasks: "null"));
        yield return Bad("no tasks", Study(tasks: "[]"));
        yield return Bad("a task is null", Study(tasks: "[null]"));
        yield return Bad("a task is a string", Study(tasks: "[\"T\"]"));
        yield return Bad("a task without title", Study(tasks: """[{"instructions":"Do it."}]"""));
        yield return Bad("a task title with U+202E", Study(tasks: """[{"title":"T\u202E","instructions":"Do it."}]"""));
        yield return Bad("a task title with NUL", Study(tasks: """[{"title":"T\u0000","instructions":"Do it."}]"""));
        yield return Bad("a task title of 201 characters", Study(tasks: $$"""[{"title":"{{new string('t', 201)}}","instructions":"Do it."}]"""));
        yield return Bad("a task without instructions", Study(tasks: """[{"title":"T"}]"""));
        yield return Bad("a time limit of 0", Study(tasks: """[{"title":"T","instructions":"I","timeLimitSeconds":0}]"""));
        yield return Bad("a time limit of a week", Study(tasks: """[{"title":"T","instructions":"I","timeLimitSeconds":604800}]"""));
        yield return Bad("a time limit in quotes", Study(tasks: """[{"title":"T","instructions":"I","timeLimitSeconds":"60"}]"""));
        yield return Bad("a time limit with a fraction", Study(tasks: """[{"title":"T","instructions":"I","timeLimitSeconds":1.5}]"""));
        yield return Bad("a time limit past int", Study(tasks: """[{"title":"T","instructions":"I","timeLimitSeconds":99999999999}]"""));
        yield return Bad("a time limit as NaN", Study(tasks: """[{"title":"T","instructions":"I","timeLimitSeconds":NaN}]"""));
        yield return Bad("51 tasks", Study(tasks: "[" + string.Join(',', Enumerable.Repeat(Task, 51)) + "]"));
        yield return Bad("tag colour is a word", Study(tags: """[{"name":"confusion","color":"red","hotkey":1}]"""));
        yield return Bad("tag colour without #", Study(tags: """[{"name":"confusion","color":"b45309","hotkey":1}]"""));
        yield return Bad("tag hotkey 0", Study(tags: """[{"name":"confusion","color":"#b45309","hotkey":0}]"""));
        yield return Bad("tag hotkey 10", Study(tags: """[{"name":"confusion","color":"#b45309","hotkey":10}]"""));
        yield return Bad("tag hotkey in quotes", Study(tags: """[{"name":"confusion","color":"#b45309","hotkey":"1"}]"""));
        yield return Bad("tag hotkey 1.0", Study(tags: """[{"name":"confusion","color":"#b45309","hotkey":1.5}]"""));
        yield return Bad("tag hotkey true", Study(tags: """[{"name":"confusion","color":"#b45309","hotkey":true}]"""));
        yield return Bad("tag name with a space", Study(tags: """[{"name":"con fusion","color":"#b45309","hotkey":1}]"""));
        yield return Bad("tag name with a path", Study(tags: """[{"name":"../../etc","color":"#b45309","hotkey":1}]"""));
        yield return Bad("tag name with U+202E", Study(tags: """[{"name":"conf\u202Eusion","color":"#b45309","hotkey":1}]"""));
        yield return Bad("tag name of 41 characters", Study(tags: $$"""[{"name":"{{new string('c', 41)}}","color":"#b45309","hotkey":1}]"""));
        yield return Bad("the same tag twice", Study(tags: $"[{Tag},{Tag.Replace("\"hotkey\":1", "\"hotkey\":2", StringComparison.Ordinal)}]"));
        yield return Bad("the same tag twice in another case", Study(tags: $"[{Tag},{Tag.Replace("confusion", "CONFUSION", StringComparison.Ordinal).Replace("\"hotkey\":1", "\"hotkey\":2", StringComparison.Ordinal)}]"));
        yield return Bad("two tags on one hotkey", Study(tags: $"[{Tag},{Tag.Replace("confusion", "delight", StringComparison.Ordinal)}]"));
        yield return Bad("tags is a string", Study(tags: "\"confusion\""));
        yield return Bad("questionnaires flag as a string", Study(extra: ""","questionnaires":{"seqAfterEachTask":"yes"}"""));
        yield return Bad("questionnaires is an array", Study(extra: ""","questionnaires":[]"""));
        yield return Bad("goal of 2,001 characters", Study(extra: "").Replace("\"goal\":\"g\"", $"\"goal\":\"{new string('g', 2001)}\"", StringComparison.Ordinal));
        yield return Bad("body is not UTF-8", "") with { Bytes = [0x7B, 0x22, 0x6E, 0x61, 0x6D, 0x65, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D] };
        yield return Bad("no content type", Study(), 415, "unsupportedMediaType") with { ContentType = null };
        yield return Bad("text/plain", Study(), 415, "unsupportedMediaType") with { ContentType = "text/plain" };
        yield return Bad("form content type", Study(), 415, "unsupportedMediaType") with { ContentType = "application/x-www-form-urlencoded" };
        yield return Bad("multipart content type", Study(), 415, "unsupportedMediaType") with { ContentType = "multipart/form-data; boundary=x" };
        yield return Bad("JSON in an unknown charset", Study(), 415, "unsupportedMediaType") with { ContentType = "application/json; charset=klingon" };
        yield return Bad("XML", "<study/>", 415, "unsupportedMediaType") with { ContentType = "application/xml" };
    }

    /// <summary>Edits of a study and additions to its palette that must change nothing: the world's study A stays at version 1.</summary>
    private static IEnumerable<HttpCase> StudyEdits()
    {
        const string Edit = "PUT /api/studies/{studyId}";
        const string AddTag = "POST /api/studies/{studyId}/tags";
        HttpCase BadEdit(string name, string body, int status = 400, string code = "invalidRequest") =>
            new($"{Edit}: {name}", "PUT", "/api/studies/$studyA", "$owner:A", status, code) { Route = Edit, Body = body };
        HttpCase BadTag(string name, string body, int status = 400, string code = "invalidRequest") =>
            new($"{AddTag}: {name}", "POST", "/api/studies/$studyA/tags", "$owner:A", status, code) { Route = AddTag, Body = body };
        static string Study(string version = "1", string tasks = """[{"title":"T","instructions":"Do it."}]""", string name = "\"Checkout\"") =>
            $$"""{"expectedVersion":{{version}},"name":{{name}},"goal":"g","tasks":{{tasks}},"tags":[]}""";

        yield return BadEdit("no expected version", """{"name":"Checkout","tasks":[{"title":"T","instructions":"Do it."}],"tags":[]}""");
        yield return BadEdit("expected version in quotes", Study(version: "\"1\""));
        yield return BadEdit("expected version with a fraction", Study(version: "1.5"));
        yield return BadEdit("an edit of a version that is no longer the latest", Study(version: "0"), 409, "studyVersionStale");
        yield return BadEdit("an edit of a version not yet made", Study(version: "99"), 409, "studyVersionStale");
        yield return BadEdit("empty body", "");
        yield return BadEdit("JSON null", "null");
        yield return BadEdit("name is empty", Study(name: "\"\""));
        yield return BadEdit("no tasks", Study(tasks: "[]"));
        yield return BadEdit("a task id the study does not have", Study(tasks: """[{"id":"t99","title":"T","instructions":"Do it."}]"""));
        yield return BadEdit("the same task id twice", Study(tasks: """[{"id":"$task1","title":"T","instructions":"Do it."},{"id":"$task1","title":"U","instructions":"Do it."}]"""));
        yield return BadEdit("a task id that is a number", Study(tasks: """[{"id":1,"title":"T","instructions":"Do it."}]"""));
        yield return BadEdit("text/plain", Study(), 415, "unsupportedMediaType") with { ContentType = "text/plain" };
        yield return new HttpCase($"{Edit}: study that does not exist, its own owner token", "PUT", "/api/studies/st_doesnotexist", "$owner:nosuchstudy", 404, "studyNotFound") { Route = Edit, Body = Study() };
        yield return new HttpCase("GET /api/studies/{studyId}/versions: another team's study", "GET", "/api/studies/$studyB/versions", "$owner:A", 404, "studyNotFound") { Route = "GET /api/studies/{studyId}/versions" };
        yield return BadTag("JSON null", "null");
        yield return BadTag("no name", """{"color":"#b45309"}""");
        yield return BadTag("a name with a space", """{"name":"two words"}""");
        yield return BadTag("a name with U+202E", """{"name":"conf\u202Eusion"}""");
        yield return BadTag("a colour that is a word", """{"name":"spotted","color":"red"}""");
        yield return BadTag("hotkey 10", """{"name":"spotted","hotkey":10}""");
        yield return BadTag("hotkey in quotes", """{"name":"spotted","hotkey":"1"}""");
    }

    private static IEnumerable<HttpCase> Sessions()
    {
        const string Create = "POST /api/studies/{studyId}/sessions";
        const string Invite = "POST /api/sessions/{sessionId}/invites";
        const string End = "POST /api/sessions/{sessionId}/end";
        const string Events = "GET /api/sessions/{sessionId}/events";
        HttpCase NewSession(string name, string body, int status = 400, string code = "invalidRequest") =>
            new($"{Create}: {name}", "POST", "/api/studies/$studyA/sessions", "$owner:A", status, code) { Route = Create, Body = body };
        HttpCase NewInvite(string name, string body, int status = 400, string code = "invalidRequest", string session = "$live") =>
            new($"{Invite}: {name}", "POST", $"/api/sessions/{session}/invites", "$owner:A", status, code) { Route = Invite, Body = body };

        yield return NewSession("body is not JSON", "P9");
        yield return NewSession("JSON null", "null");
        yield return NewSession("empty body", "");
        yield return NewSession("alias is a number", """{"participantAlias":9}""");
        yield return NewSession("alias missing", """{"moderatorName":"Mo"}""");
        yield return NewSession("alias empty", """{"participantAlias":""}""");
        yield return NewSession("alias of 81 characters", $$"""{"participantAlias":"{{new string('p', 81)}}"}""");
        yield return NewSession("alias holds NUL", """{"participantAlias":"P\u00009"}""", 400, "invalidCharacters") with { Mentions = "U+0000" };
        yield return NewSession("alias holds a tab", """{"participantAlias":"P\t9"}""", 400, "invalidCharacters") with { Mentions = "U+0009" };
        yield return NewSession("alias holds U+202E", """{"participantAlias":"P\u202E9"}""", 400, "invalidCharacters") with { Mentions = "U+202E" };
        yield return NewSession("alias holds U+2067", """{"participantAlias":"P\u20679"}""", 400, "invalidCharacters") with { Mentions = "U+2067" };
        yield return NewSession("moderator name holds U+202D", """{"participantAlias":"P9","moderatorName":"M\u202Do"}""", 400, "invalidCharacters") with { Mentions = "U+202D" };
        foreach (var (code, what) in Invisible)
        {
            yield return NewSession($"alias holds {what}", $$"""{"participantAlias":"P\u{{code}}9"}""", 400, "invalidCharacters") with { Mentions = $"U+{code}" };
            yield return NewSession($"moderator name holds {what}", $$"""{"participantAlias":"P9","moderatorName":"M\u{{code}}o"}""", 400, "invalidCharacters") with { Mentions = $"U+{code}" };
        }
        yield return NewSession("moderator name is blank", """{"participantAlias":"P9","moderatorName":"  "}""");
        yield return NewSession("moderator name is an array", """{"participantAlias":"P9","moderatorName":["Mo"]}""");
        yield return NewSession("scheduledFor is not a date", """{"participantAlias":"P9","scheduledFor":"tomorrow"}""");
        yield return NewSession("scheduledFor is a number", """{"participantAlias":"P9","scheduledFor":1700000000}""");
        yield return NewSession("scheduledFor in year 1", """{"participantAlias":"P9","scheduledFor":"0001-01-01T00:00:00+00:00"}""");
        yield return NewSession("scheduledFor in 9999", """{"participantAlias":"P9","scheduledFor":"9999-12-31T00:00:00+00:00"}""");
        yield return NewSession("scheduledFor on the 45th of the 13th month", """{"participantAlias":"P9","scheduledFor":"2026-13-45T00:00:00+00:00"}""");
        yield return NewSession("text/plain body", """{"participantAlias":"P9"}""", 415, "unsupportedMediaType") with { ContentType = "text/plain" };
        yield return new HttpCase($"{Create}: study that does not exist, its own owner token", "POST", "/api/studies/st_doesnotexist/sessions", "$owner:nosuchstudy", 404, "studyNotFound")
        {
            Route = Create,
            Body = """{"participantAlias":"P9"}""",
        };

        yield return NewInvite("no role", "{}");
        yield return NewInvite("unknown role", """{"role":"admin"}""");
        yield return NewInvite("role as a number", """{"role":0}""");
        yield return NewInvite("role as a number in quotes", """{"role":"0"}""");
        yield return NewInvite("role null", """{"role":null}""");
        yield return NewInvite("role as an array", """{"role":["observer"]}""");
        yield return NewInvite("role in PascalCase (once read as observer)", """{"role":"Observer"}""") with { Mentions = "role" };
        yield return NewInvite("role with a trailing space (once read as observer)", """{"role":"observer "}""") with { Mentions = "role" };
        yield return NewInvite("role in capitals", """{"role":"MODERATOR"}""") with { Mentions = "role" };
        yield return NewInvite("moderator role in PascalCase", """{"role":"Moderator"}""") with { Mentions = "role" };
        yield return NewInvite("expiresInHours 0", """{"role":"observer","expiresInHours":0}""");
        yield return NewInvite("expiresInHours negative", """{"role":"observer","expiresInHours":-5}""");
        yield return NewInvite("expiresInHours past the maximum", """{"role":"observer","expiresInHours":2161}""");
        yield return NewInvite("expiresInHours int.MaxValue", """{"role":"observer","expiresInHours":2147483647}""");
        yield return NewInvite("expiresInHours past int", """{"role":"observer","expiresInHours":2147483648}""");
        yield return NewInvite("expiresInHours with a fraction", """{"role":"observer","expiresInHours":1.5}""");
        yield return NewInvite("expiresInHours in quotes", """{"role":"observer","expiresInHours":"24"}""");
        yield return NewInvite("body is not JSON", "role=observer");
        yield return NewInvite("invites for a session that ended", """{"role":"observer"}""", 409, "sessionEnded", "$ended");
        yield return new HttpCase($"{Invite}: session that does not exist", "POST", "/api/sessions/se_doesnotexist/invites", "$owner:A", 404, "sessionNotFound")
        {
            Route = Invite,
            Body = """{"role":"observer"}""",
        };
        yield return new HttpCase($"{Invite}: another team's session, by a member of this study's team", "POST", "/api/sessions/$sessB/invites", "$owner:A", 404, "sessionNotFound")
        {
            Route = Invite,
            Body = """{"role":"observer"}""",
        };

        yield return new HttpCase($"{End}: a session that already ended", "POST", "/api/sessions/$ended/end", "$owner:A", 409, "sessionEnded") { Route = End };
        yield return new HttpCase($"{End}: a session that does not exist", "POST", "/api/sessions/se_doesnotexist/end", "$owner:A", 404, "sessionNotFound") { Route = End };
        yield return new HttpCase($"{End}: the ended session's moderator link", "POST", "/api/sessions/$ended/end", "$inv:mod:ended", 409, "sessionEnded") { Route = End };
        yield return new HttpCase($"{End}: GET instead of POST", "GET", "/api/sessions/$live/end", "$owner:A", 405, "methodNotAllowed") { Route = End };

        yield return new HttpCase($"{Events}: after is negative", "GET", "/api/sessions/$live/events?after=-1", "$owner:A", 400, "invalidRequest") { Route = Events };
        yield return new HttpCase($"{Events}: after is a word", "GET", "/api/sessions/$live/events?after=abc", "$owner:A", 400, "invalidRequest") { Route = Events };
        yield return new HttpCase($"{Events}: after given twice", "GET", "/api/sessions/$live/events?after=1&after=2", "$owner:A", 400, "invalidRequest") { Route = Events };
        yield return new HttpCase($"{Events}: after past long", "GET", "/api/sessions/$live/events?after=99999999999999999999", "$owner:A", 400, "invalidRequest") { Route = Events };
        yield return new HttpCase($"{Events}: after with a fraction", "GET", "/api/sessions/$live/events?after=1.5", "$owner:A", 400, "invalidRequest") { Route = Events };
        yield return new HttpCase($"{Events}: after is empty", "GET", "/api/sessions/$live/events?after=", "$owner:A", 400, "invalidRequest") { Route = Events };
        yield return new HttpCase($"{Events}: after in hexadecimal", "GET", "/api/sessions/$live/events?after=0x10", "$owner:A", 400, "invalidRequest") { Route = Events };
        yield return new HttpCase("GET /api/sessions/{sessionId}: session id with a path", "GET", "/api/sessions/..%2F..%2Fstudies", "$owner:A", 404, "sessionNotFound") { Route = "GET /api/sessions/{sessionId}" };
        yield return new HttpCase("GET /api/sessions/{sessionId}: session id of 5,000 characters", "GET", "/api/sessions/" + new string('s', 5000), "$owner:A", 404, "sessionNotFound") { Route = "GET /api/sessions/{sessionId}" };
        yield return new HttpCase("GET /api/sessions/{sessionId}: SQL in the session id", "GET", "/api/sessions/x'%20OR%20'1'='1", "$owner:A", 404, "sessionNotFound") { Route = "GET /api/sessions/{sessionId}" };
        yield return new HttpCase("GET /api/sessions/{sessionId}/study: session that does not exist", "GET", "/api/sessions/se_doesnotexist/study", "$owner:A", 404, "sessionNotFound") { Route = "GET /api/sessions/{sessionId}/study" };
        yield return new HttpCase("GET /api/studies/{studyId}: study that does not exist, its own owner token", "GET", "/api/studies/st_doesnotexist", "$owner:nosuchstudy", 404, "studyNotFound") { Route = "GET /api/studies/{studyId}" };
        yield return new HttpCase("GET /api/studies/{studyId}: study id with a path", "GET", "/api/studies/..%2F$studyA", "$owner:A", 404, "studyNotFound") { Route = "GET /api/studies/{studyId}" };
        yield return new HttpCase("GET /api/studies/{studyId}/sessions: another team's study", "GET", "/api/studies/$studyB/sessions", "$owner:A", 404, "studyNotFound") { Route = "GET /api/studies/{studyId}/sessions" };
    }

    private static IEnumerable<HttpCase> Access()
    {
        yield return new HttpCase("GET /api/access: POST instead of GET", "POST", "/api/access", "$owner:A", 405, "methodNotAllowed") { Route = "GET /api/access/" };
        yield return new HttpCase("GET /api/access: revoked view-only link", "GET", "/api/access", "$share:revoked", 410, "linkRevoked") { Route = "GET /api/access/" };
        yield return new HttpCase("GET /api/access: expired view-only link", "GET", "/api/access", "$share:expired", 401, "tokenExpired") { Route = "GET /api/access/" };
        yield return new HttpCase("GET /api/access: tampered view-only link", "GET", "/api/access", "$flip:share:A", 401, "invalidToken") { Route = "GET /api/access/" };
        yield return new HttpCase("GET /api/access: truncated view-only link", "GET", "/api/access", "$trunc:share:clip", 401, "invalidToken") { Route = "GET /api/access/" };
    }

    private static IEnumerable<HttpCase> Recordings()
    {
        const string Create = "POST /api/sessions/{sessionId}/recordings";
        const string Patch = "PATCH /api/sessions/{sessionId}/recordings/{recordingId}";
        const string Complete = "POST /api/sessions/{sessionId}/recordings/{recordingId}/complete";
        const string Get = "GET /api/sessions/{sessionId}/recordings/{recordingId}";
        const string Upload = "GET /api/sessions/{sessionId}/recordings/{recordingId}/upload";
        const string PlaybackRoute = "GET /api/sessions/{sessionId}/recordings/{recordingId}/playback";
        HttpCase New(string name, string body, int status = 400, string code = "invalidRequest", string session = "$live") =>
            new($"{Create}: {name}", "POST", $"/api/sessions/{session}/recordings", "$owner:A", status, code) { Route = Create, Body = body };
        HttpCase Update(string name, string body, int status = 400, string code = "invalidRequest") =>
            new($"{Patch}: {name}", "PATCH", "/api/sessions/$live/recordings/$recComplete", "$owner:A", status, code) { Route = Patch, Body = body };
        HttpCase Finish(string name, string body, int status = 400, string code = "invalidRequest", string recording = "$recUploading") =>
            new($"{Complete}: {name}", "POST", $"/api/sessions/$live/recordings/{recording}/complete", "$owner:A", status, code) { Route = Complete, Body = body };

        yield return New("no kind", """{"contentType":"video/webm"}""");
        yield return New("unknown kind", """{"kind":"screenshot","contentType":"video/webm"}""");
        yield return New("kind as a number", """{"kind":1,"contentType":"video/webm"}""");
        yield return New("kind in PascalCase (once read as liveCapture)", """{"kind":"LiveCapture","contentType":"video/webm"}""") with { Mentions = "kind" };
        yield return New("kind with a trailing space", """{"kind":"uploadedFile ","contentType":"video/webm"}""") with { Mentions = "kind" };
        yield return New("no content type", """{"kind":"uploadedFile"}""");
        yield return New("blank content type", """{"kind":"uploadedFile","contentType":"  "}""");
        yield return New("content type is a number", """{"kind":"uploadedFile","contentType":5}""");
        yield return New("executable content type", """{"kind":"uploadedFile","contentType":"application/x-msdownload"}""", 415, "unsupportedContentType");
        yield return New("HTML content type", """{"kind":"uploadedFile","contentType":"text/html"}""", 415, "unsupportedContentType");
        yield return New("SVG content type", """{"kind":"uploadedFile","contentType":"image/svg+xml"}""", 415, "unsupportedContentType");
        yield return New("content type with a line break", """{"kind":"uploadedFile","contentType":"video/webm\r\nX-Evil: 1"}""", 415, "unsupportedContentType");
        yield return New("content type with a path", """{"kind":"uploadedFile","contentType":"video/../../webm"}""", 415, "unsupportedContentType");
        yield return New("expectedBytes 0", """{"kind":"uploadedFile","contentType":"video/webm","expectedBytes":0}""");
        yield return New("expectedBytes negative", """{"kind":"uploadedFile","contentType":"video/webm","expectedBytes":-1}""");
        yield return New("expectedBytes past the recording limit", """{"kind":"uploadedFile","contentType":"video/webm","expectedBytes":4097}""", 413, "recordingTooLarge");
        yield return New("expectedBytes past long", """{"kind":"uploadedFile","contentType":"video/webm","expectedBytes":99999999999999999999}""");
        yield return New("expectedBytes in quotes", """{"kind":"uploadedFile","contentType":"video/webm","expectedBytes":"10"}""");
        yield return New("clockOffsetMs more than a day", """{"kind":"uploadedFile","contentType":"video/webm","clockOffsetMs":86400001}""");
        yield return New("clockOffsetMs more than a day before", """{"kind":"uploadedFile","contentType":"video/webm","clockOffsetMs":-86400001}""");
        yield return New("durationMs negative", """{"kind":"uploadedFile","contentType":"video/webm","durationMs":-1}""");
        yield return New("durationMs more than a day", """{"kind":"uploadedFile","contentType":"video/webm","durationMs":86400001}""");
        yield return New("durationMs with a fraction", """{"kind":"uploadedFile","contentType":"video/webm","durationMs":1.5}""");
        yield return New("startedAt is not a time", """{"kind":"liveCapture","contentType":"video/webm","startedAt":"yesterday"}""");
        yield return New("startedAt of a live capture years from the server's clock", """{"kind":"liveCapture","contentType":"video/webm","startedAt":"2020-01-01T00:00:00Z"}""") with { Mentions = "startedAt" };
        yield return New("startedAt beside clockOffsetMs", """{"kind":"uploadedFile","contentType":"video/webm","startedAt":"2020-01-01T00:00:00Z","clockOffsetMs":0}""") with { Mentions = "startedAt" };
        yield return New("live capture of a session that ended", """{"kind":"liveCapture","contentType":"video/webm"}""", 409, "sessionEnded", "$ended");
        yield return New("JSON null", "null");
        yield return New("body is not JSON", "kind=liveCapture");

        yield return Update("empty object", "{}");
        yield return Update("both null", """{"clockOffsetMs":null,"durationMs":null}""");
        yield return Update("durationMs negative", """{"durationMs":-5}""");
        yield return Update("clockOffsetMs past a day", """{"clockOffsetMs":86400001}""");
        yield return Update("durationMs as a string", """{"durationMs":"5"}""");
        yield return Update("durationMs as a boolean", """{"durationMs":true}""");
        yield return Update("JSON array", "[]");
        yield return Update("clockOffsetMs long.MaxValue", """{"clockOffsetMs":9223372036854775807}""");
        yield return Update("durationMs long.MinValue", """{"durationMs":-9223372036854775808}""");
        yield return new HttpCase($"{Patch}: another session's recording", "PATCH", "/api/sessions/$live/recordings/$recEnded", "$owner:A", 404, "recordingNotFound") { Route = Patch, Body = """{"durationMs":1}""" };
        yield return new HttpCase($"{Patch}: another study's recording under this session", "PATCH", "/api/sessions/$live/recordings/$recB", "$owner:A", 404, "recordingNotFound") { Route = Patch, Body = """{"durationMs":1}""" };

        yield return Finish("chunkCount 0", """{"chunkCount":0}""");
        yield return Finish("chunkCount negative", """{"chunkCount":-1}""");
        yield return Finish("chunkCount 50,001", """{"chunkCount":50001}""");
        yield return Finish("chunkCount missing", "{}");
        yield return Finish("chunkCount as a string", """{"chunkCount":"1"}""");
        yield return Finish("durationMs negative", """{"chunkCount":1,"durationMs":-1}""");
        yield return Finish("durationMs long.MaxValue", """{"chunkCount":1,"durationMs":9223372036854775807}""");
        yield return Finish("chunkCount past int", """{"chunkCount":4294967296}""");
        yield return Finish("before every chunk arrived", """{"chunkCount":3}""", 409, "chunksMissing");
        yield return Finish("chunks that do not add up to expectedBytes", """{"chunkCount":1}""", 409, "sizeMismatch");
        yield return Finish("again with another chunkCount", """{"chunkCount":2}""", 409, "recordingAlreadyComplete", "$recComplete");
        yield return Finish("a recording that does not exist", """{"chunkCount":1}""", 404, "recordingNotFound", "rec_doesnotexist");
        yield return Finish("another study's recording", """{"chunkCount":1}""", 404, "recordingNotFound", "$recB");

        yield return new HttpCase($"{Get}: recording id with a path", "GET", "/api/sessions/$live/recordings/..%2F$recB", "$owner:A", 404, "recordingNotFound") { Route = Get };
        yield return new HttpCase($"{Get}: another study's recording through this session", "GET", "/api/sessions/$live/recordings/$recB", "$owner:A", 404, "recordingNotFound") { Route = Get };
        yield return new HttpCase($"{Get}: the recording through another study's session", "GET", "/api/sessions/$sessB/recordings/$recComplete", "$owner:B", 404, "recordingNotFound") { Route = Get };
        yield return new HttpCase($"{Get}: recording id with a wildcard", "GET", "/api/sessions/$live/recordings/rec_%25", "$owner:A", 404, "recordingNotFound") { Route = Get };
        yield return new HttpCase($"{Upload}: a recording that does not exist", "GET", "/api/sessions/$live/recordings/rec_doesnotexist/upload", "$owner:A", 404, "recordingNotFound") { Route = Upload };
        yield return new HttpCase($"{Upload}: an observer asks", "GET", "/api/sessions/$live/recordings/$recUploading/upload", "$inv:obs:live", 403, "forbidden") { Route = Upload };
        yield return new HttpCase($"{PlaybackRoute}: a recording still uploading", "GET", "/api/sessions/$live/recordings/$recUploading/playback", "$owner:A", 409, "recordingNotComplete") { Route = PlaybackRoute };
        yield return new HttpCase($"{PlaybackRoute}: another session's recording", "GET", "/api/sessions/$live/recordings/$recEnded/playback", "$owner:A", 404, "recordingNotFound") { Route = PlaybackRoute };
        yield return new HttpCase("GET /api/sessions/{sessionId}/recordings: session that does not exist", "GET", "/api/sessions/se_doesnotexist/recordings", "$owner:A", 404, "sessionNotFound") { Route = "GET /api/sessions/{sessionId}/recordings" };
        yield return new HttpCase("GET /api/recordings/capabilities: POST instead of GET", "POST", "/api/recordings/capabilities", null, 405, "methodNotAllowed") { Route = "GET /api/recordings/capabilities" };
        yield return new HttpCase("GET /api/recordings/capabilities: DELETE", "DELETE", "/api/recordings/capabilities", null, 405, "methodNotAllowed") { Route = "GET /api/recordings/capabilities" };
    }

    /// <summary>Chunk uploads: the server's limits here are 1,024 bytes a chunk and 4,096 a recording.</summary>
    private static IEnumerable<HttpCase> Chunks()
    {
        const string Route = "PUT /api/sessions/{sessionId}/recordings/{recordingId}/chunks/{index:int}";
        HttpCase Put(string name, string index, byte[]? bytes, int status, string code, string recording = "$recUploading", string token = "$inv:mod:live") =>
            new($"{Route}: {name}", "PUT", $"/api/sessions/$live/recordings/{recording}/chunks/{index}", token, status, code)
            {
                Route = Route,
                Bytes = bytes,
                ContentType = "application/octet-stream",
            };

        yield return Put("one byte past the chunk limit", "1", new byte[1025], 413, "chunkTooLarge");
        yield return Put("far past the chunk limit", "1", new byte[64 * 1024], 413, "chunkTooLarge");
        yield return Put("past the announced expectedBytes", "1", new byte[6], 413, "recordingTooLarge");
        yield return Put("replacing chunk 0 with one past expectedBytes", "0", new byte[11], 413, "recordingTooLarge");
        yield return Put("empty chunk", "1", [], 400, "invalidRequest");
        yield return Put("index negative", "-1", [1], 400, "invalidRequest");
        yield return Put("index 50,000", "50000", [1], 400, "invalidRequest");
        yield return Put("index int.MaxValue", "2147483647", [1], 400, "invalidRequest");
        yield return Put("index past int", "2147483648", [1], 404, "notFound");
        yield return Put("index is a word", "first", [1], 404, "notFound");
        yield return Put("index with a path", "..%2F0", [1], 404, "notFound");
        yield return Put("index 1.5", "1.5", [1], 404, "notFound");
        yield return Put("without Content-Length", "1", [1, 2, 3], 411, "lengthRequired") with { Chunked = true };
        yield return Put("to a complete recording", "1", [1], 409, "recordingAlreadyComplete", "$recComplete");
        yield return Put("to a recording that does not exist", "0", [1], 404, "recordingNotFound", "rec_doesnotexist");
        yield return Put("to another study's recording", "0", [1], 404, "recordingNotFound", "$recB");
        yield return Put("to another session's recording", "0", [1], 404, "recordingNotFound", "$recEnded");
        yield return Put("recording id with a path", "0", [1], 404, "recordingNotFound", "..%2F..%2F$recUploading");
        yield return Put("recording id with backslashes", "0", [1], 404, "recordingNotFound", "..%5C..%5Cx");
        yield return Put("by an observer", "1", [1], 403, "forbidden", "$recUploading", "$inv:obs:live");
        yield return Put("by the participant", "1", [1], 403, "forbidden", "$recUploading", "$inv:part:live");
        yield return Put("by a member of another team", "1", [1], 404, "sessionNotFound", "$recUploading", "$owner:B");
    }

    private static IEnumerable<HttpCase> Clips()
    {
        const string Get = "GET /api/sessions/{sessionId}/notes/{noteId:guid}/clip";
        const string Set = "PUT /api/sessions/{sessionId}/notes/{noteId:guid}/clip";
        const string Export = "POST /api/sessions/{sessionId}/notes/{noteId:guid}/clip/export";
        const string Highlights = "GET /api/sessions/{sessionId}/highlights/{tag}";
        HttpCase Clip(string name, string query, int status = 400, string code = "invalidRequest", string note = "$noteMod") =>
            new($"{Get}: {name}", "GET", $"/api/sessions/$live/notes/{note}/clip{query}", "$owner:A", status, code) { Route = Get };
        HttpCase Window(string name, string body, int status = 400, string code = "invalidRequest", string note = "$noteMod") =>
            new($"{Set}: {name}", "PUT", $"/api/sessions/$live/notes/{note}/clip", "$owner:A", status, code) { Route = Set, Body = body };

        yield return Clip("beforeSeconds is a word", "?beforeSeconds=ten");
        yield return Clip("beforeSeconds given twice", "?beforeSeconds=1&beforeSeconds=2");
        yield return Clip("beforeSeconds negative", "?beforeSeconds=-1");
        yield return Clip("afterSeconds past 300", "?afterSeconds=301");
        yield return Clip("afterSeconds with a comma for decimals", "?afterSeconds=1,5");
        yield return Clip("afterSeconds NaN", "?afterSeconds=NaN");
        yield return Clip("afterSeconds Infinity", "?afterSeconds=Infinity");
        yield return Clip("beforeSeconds in exponent form past the limit", "?beforeSeconds=1e9");
        yield return Clip("beforeSeconds empty", "?beforeSeconds=");
        yield return Clip("beforeSeconds in hexadecimal", "?beforeSeconds=0x10");
        yield return Clip("beforeSeconds behind a zero-width space", "?beforeSeconds=%E2%80%8B5");
        yield return Clip("beforeSeconds with Arabic-Indic digits", "?beforeSeconds=%D9%A5");
        yield return Clip("a recording that does not exist", "?recordingId=rec_doesnotexist", 404, "recordingNotFound");
        yield return Clip("another study's recording", "?recordingId=$recB", 404, "recordingNotFound");
        yield return Clip("recordingId with a path", "?recordingId=..%2F..%2F$recB", 404, "recordingNotFound");
        yield return Clip("an incomplete recording", "?recordingId=$recUploading", 409, "recordingNotComplete");
        yield return Clip("a note that does not exist", "", 404, "noteNotFound", Guid.Empty.ToString());
        yield return Clip("another study's note", "", 404, "noteNotFound", "$noteB");
        yield return Clip("another session's note", "", 404, "noteNotFound", "$noteEnded");
        yield return Clip("a note id that is not a UUID", "", 404, "notFound", "not-a-guid");
        yield return Clip("a note id with a path", "", 404, "notFound", "..%2F..%2F$noteMod");

        yield return Window("no afterSeconds", """{"beforeSeconds":1}""");
        yield return Window("empty object", "{}");
        yield return Window("beforeSeconds negative", """{"beforeSeconds":-1,"afterSeconds":2}""");
        yield return Window("afterSeconds past 300", """{"beforeSeconds":1,"afterSeconds":301}""");
        yield return Window("beforeSeconds as a string", """{"beforeSeconds":"1","afterSeconds":2}""");
        yield return Window("beforeSeconds as an object", """{"beforeSeconds":{},"afterSeconds":2}""");
        yield return Window("both null", """{"beforeSeconds":null,"afterSeconds":null}""");
        yield return Window("huge exponent", """{"beforeSeconds":1e400,"afterSeconds":2}""");
        yield return Window("body is not JSON", "1,2");
        yield return Window("a note that does not exist", """{"beforeSeconds":1,"afterSeconds":2}""", 404, "noteNotFound", Guid.NewGuid().ToString());
        yield return Window("another study's note", """{"beforeSeconds":1,"afterSeconds":2}""", 404, "noteNotFound", "$noteB");
        yield return new HttpCase($"{Set}: an observer", "PUT", "/api/sessions/$live/notes/$noteMod/clip", "$inv:obs:live", 403, "forbidden") { Route = Set, Body = """{"beforeSeconds":1,"afterSeconds":2}""" };

        yield return new HttpCase($"{Export}: afterSeconds a word", "POST", "/api/sessions/$live/notes/$noteMod/clip/export?afterSeconds=x", "$owner:A", 400, "invalidRequest") { Route = Export };
        yield return new HttpCase($"{Export}: beforeSeconds past 300", "POST", "/api/sessions/$live/notes/$noteMod/clip/export?beforeSeconds=301", "$owner:A", 400, "invalidRequest") { Route = Export };
        yield return new HttpCase($"{Export}: another study's note", "POST", "/api/sessions/$live/notes/$noteB/clip/export", "$owner:A", 404, "noteNotFound") { Route = Export };
        yield return new HttpCase($"{Export}: an incomplete recording", "POST", "/api/sessions/$live/notes/$noteMod/clip/export?recordingId=$recUploading", "$owner:A", 409, "recordingNotComplete") { Route = Export };

        yield return new HttpCase($"{Highlights}: a tag nobody used", "GET", "/api/sessions/$live/highlights/nosuchtag", "$owner:A", 404, "tagNotFound") { Route = Highlights };
        yield return new HttpCase($"{Highlights}: a tag nobody used, with its #", "GET", "/api/sessions/$live/highlights/%23nosuchtag", "$owner:A", 404, "tagNotFound") { Route = Highlights };
        yield return new HttpCase($"{Highlights}: a tag with a path", "GET", "/api/sessions/$live/highlights/..%2F..%2Fconfusion", "$owner:A", 404, "tagNotFound") { Route = Highlights };
        yield return new HttpCase($"{Highlights}: a tag with U+202E", "GET", "/api/sessions/$live/highlights/conf%E2%80%AEusion", "$owner:A", 404, "tagNotFound") { Route = Highlights };
        yield return new HttpCase($"{Highlights}: a tag of 5,000 characters", "GET", "/api/sessions/$live/highlights/" + new string('t', 5000), "$owner:A", 404, "tagNotFound") { Route = Highlights };
    }

    /// <summary>The local store's signed playback links: tampered, expired, and names that reach outside the recordings folder.</summary>
    private static IEnumerable<HttpCase> Playback()
    {
        const string Route = "GET /recordings/playback/{**blobName}";
        HttpCase Play(string name, string path, int status = 403, string code = "playbackUrlInvalid") =>
            new($"{Route}: {name}", "GET", path, null, status, code) { Route = Route };

        yield return Play("no signature", "$playbackPath");
        yield return Play("no expiry", "$playbackPath?sig=$playbackSig");
        yield return Play("signature of another expiry", "$playbackPath?expires=9999999999&sig=$playbackSig");
        yield return Play("an earlier expiry under the signature", "$playbackPath?expires=1000000000&sig=$playbackSig");
        yield return Play("expired", "$playbackExpired", 403, "playbackUrlExpired");
        yield return Play("a range past the end", "$playback", 416, "rangeNotSatisfiable") with { Headers = new Dictionary<string, string> { ["Range"] = "bytes=1000-2000" } };
        yield return Play("a range starting at the end", "$playback", 416, "rangeNotSatisfiable") with { Headers = new Dictionary<string, string> { ["Range"] = "bytes=15-" } };
        yield return Play("a range of no bytes from the end", "$playback", 416, "rangeNotSatisfiable") with { Headers = new Dictionary<string, string> { ["Range"] = "bytes=-0" } };
        yield return Play("a range past the end, expired", "$playbackExpired", 403, "playbackUrlExpired") with { Headers = new Dictionary<string, string> { ["Range"] = "bytes=1000-2000" } };
        yield return Play("signature altered", "$playbackPath?expires=$playbackExpires&sig=AAAA$playbackSig");
        yield return Play("signature truncated", "$playbackPath?expires=$playbackExpires&sig=abc");
        yield return Play("expiry a word", "$playbackPath?expires=soon&sig=$playbackSig");
        yield return Play("expiry given twice", "$playbackPath?expires=$playbackExpires&expires=9999999999&sig=$playbackSig");
        yield return Play("the signature on another blob name", "/recordings/playback/studies/x/sessions/y/recordings/z.webm?$playbackQuery");
        yield return Play("dot-dot in the blob name", "/recordings/playback/studies/..%2F..%2F..%2Fetc%2Fpasswd?$playbackQuery");
        yield return Play("encoded dot-dot segments", "/recordings/playback/%2e%2e/%2e%2e/sessionlab.db?$playbackQuery", 404, "notFound");
        yield return Play("backslash traversal", "/recordings/playback/..%5C..%5Csessionlab.db?$playbackQuery");
        yield return Play("absolute path", "/recordings/playback/%2Fetc%2Fpasswd?$playbackQuery");
        yield return Play("blob name of 3,000 characters", "/recordings/playback/" + new string('b', 3000) + "?$playbackQuery");
        yield return Play("the SQLite database by name", "/recordings/playback/sessionlab.db?$playbackQuery");
        yield return Play("the playback root", "/recordings/playback/?$playbackQuery", 404, "notFound");
        yield return new HttpCase($"{Route}: POST", "POST", "$playback", null, 405, "methodNotAllowed") { Route = Route };
        yield return new HttpCase($"{Route}: DELETE", "DELETE", "$playback", null, 405, "methodNotAllowed") { Route = Route };
    }

    private static IEnumerable<HttpCase> Reports()
    {
        const string Report = "GET /api/studies/{studyId}/report";
        const string Set = "PUT /api/studies/{studyId}/findings/{tag}/severity";
        HttpCase Get(string name, string query, int status = 400, string code = "invalidRequest", IReadOnlyDictionary<string, string>? headers = null) =>
            new($"{Report}: {name}", "GET", $"/api/studies/$studyA/report{query}", "$owner:A", status, code) { Route = Report, Headers = headers };
        HttpCase Severity(string name, string body, int status = 400, string code = "invalidRequest", string tag = "confusion") =>
            new($"{Set}: {name}", "PUT", $"/api/studies/$studyA/findings/{tag}/severity", "$owner:A", status, code) { Route = Set, Body = body };

        yield return Get("unknown format", "?format=pdf");
        yield return Get("format with a path", "?format=..%2F..%2Fhtml");
        yield return Get("format given twice", "?format=html&format=json");
        yield return Get("format in capitals with spaces", "?format=%20JSON%20x");
        yield return Get("compared with itself", "?compareWith=$studyA", headers: new Dictionary<string, string> { ["X-Compare-With-Token"] = "$owner:A" });
        yield return Get("compared with another team's study", "?compareWith=$studyB", 404, "studyNotFound");
        yield return Get("compared with a study that does not exist", "?compareWith=st_doesnotexist", 404, "studyNotFound");

        yield return Severity("severity 5", """{"severity":5}""");
        yield return Severity("severity -1", """{"severity":-1}""");
        yield return Severity("severity in quotes", """{"severity":"3"}""");
        yield return Severity("severity with a fraction", """{"severity":2.5}""");
        yield return Severity("severity missing", "{}");
        yield return Severity("severity null", """{"severity":null}""");
        yield return Severity("severity as a word", """{"severity":"major"}""");
        yield return Severity("updatedBy of 81 characters", $$"""{"severity":3,"updatedBy":"{{new string('u', 81)}}"}""");
        yield return Severity("updatedBy a number", """{"severity":3,"updatedBy":5}""");
        yield return Severity("updatedBy holding NUL", """{"severity":3,"updatedBy":"Dana\u0000"}""") with { Mentions = "updatedBy" };
        yield return Severity("updatedBy holding U+202E", """{"severity":3,"updatedBy":"\u202Eanad"}""") with { Mentions = "updatedBy" };
        yield return Severity("updatedBy holding U+200B", """{"severity":3,"updatedBy":"Da\u200Bna"}""") with { Mentions = "updatedBy" };
        yield return Severity("a tag neither in the palette nor on a note", """{"severity":3}""", tag: "nosuchtag");
        yield return Severity("a tag with a path", """{"severity":3}""", tag: "..%2F..%2Fconfusion");
        yield return Severity("a tag of 5,000 characters", """{"severity":3}""", tag: new string('t', 5000));
        yield return Severity("a tag with U+202E", """{"severity":3}""", tag: "conf%E2%80%AEusion");
        yield return Severity("body is not JSON", "severity=3");
        yield return Severity("text/plain", """{"severity":3}""", 415, "unsupportedMediaType") with { ContentType = "text/plain" };
        yield return new HttpCase("GET /api/studies/{studyId}/findings/severities: a study that does not exist", "GET", "/api/studies/st_doesnotexist/findings/severities", "$owner:nosuchstudy", 404, "studyNotFound") { Route = "GET /api/studies/{studyId}/findings/severities" };
        yield return new HttpCase($"{Report}: a study that does not exist", "GET", "/api/studies/st_doesnotexist/report", "$owner:nosuchstudy", 404, "studyNotFound") { Route = Report };
    }

    /// <summary>
    /// View-only links: bad requests for one, and links used where they do not open anything (the study's setup, its
    /// sessions, invites, other links) or that no longer work (revoked, expired, altered).
    /// </summary>
    private static IEnumerable<HttpCase> Shares()
    {
        const string Create = "POST /api/studies/{studyId}/shares/";
        const string List = "GET /api/studies/{studyId}/shares/";
        const string Revoke = "DELETE /api/studies/{studyId}/shares/{shareId}";
        const string Report = "GET /api/studies/{studyId}/report";
        const string Clip = "GET /api/sessions/{sessionId}/notes/{noteId:guid}/clip";
        const string Highlights = "GET /api/sessions/{sessionId}/highlights/{tag}";
        HttpCase New(string name, string body, int status = 400, string code = "invalidRequest") =>
            new($"{Create}: {name}", "POST", "/api/studies/$studyA/shares", "$owner:A", status, code) { Route = Create, Body = body };
        HttpCase Off(string name, string shareId, string token = "$owner:A", int status = 404, string code = "shareLinkNotFound") =>
            new($"{Revoke}: {name}", "DELETE", $"/api/studies/$studyA/shares/{shareId}", token, status, code) { Route = Revoke };

        yield return New("body is not JSON", "scope=report");
        yield return New("JSON array", "[]");
        yield return New("JSON string", "\"report\"");
        yield return New("expiresInDays 0", """{"expiresInDays":0}""") with { Mentions = "expiresInDays" };
        yield return New("expiresInDays negative", """{"expiresInDays":-7}""") with { Mentions = "expiresInDays" };
        yield return New("expiresInDays 91", """{"expiresInDays":91}""") with { Mentions = "expiresInDays" };
        yield return New("expiresInDays int.MaxValue", """{"expiresInDays":2147483647}""") with { Mentions = "expiresInDays" };
        yield return New("expiresInDays past int", """{"expiresInDays":2147483648}""") with { Mentions = "expiresInDays" };
        yield return New("expiresInDays with a fraction", """{"expiresInDays":1.5}""") with { Mentions = "expiresInDays" };
        yield return New("expiresInDays in quotes", """{"expiresInDays":"7"}""") with { Mentions = "expiresInDays" };
        yield return New("expiresInDays as a word", """{"expiresInDays":"forever"}""") with { Mentions = "expiresInDays" };
        yield return New("unknown scope", """{"scope":"everything"}""") with { Mentions = "scope" };
        yield return New("scope in PascalCase", """{"scope":"Report"}""") with { Mentions = "scope" };
        yield return New("scope as a number", """{"scope":0}""") with { Mentions = "scope" };
        yield return New("a clip without a session", """{"scope":"clip","noteId":"$noteMod"}""") with { Mentions = "sessionId" };
        yield return New("a clip of another study's session", """{"scope":"clip","sessionId":"$sessB","noteId":"$noteB"}""") with { Mentions = "sessionId" };
        yield return New("a clip of a session that does not exist", """{"scope":"clip","sessionId":"se_doesnotexist","noteId":"$noteMod"}""") with { Mentions = "sessionId" };
        yield return New("a clip without a note", """{"scope":"clip","sessionId":"$live"}""") with { Mentions = "noteId" };
        yield return New("a clip of a note that does not exist", """{"scope":"clip","sessionId":"$live","noteId":"00000000-0000-0000-0000-00000000000a"}""") with { Mentions = "noteId" };
        yield return New("a clip of another session's note", """{"scope":"clip","sessionId":"$live","noteId":"$noteEnded"}""") with { Mentions = "noteId" };
        yield return New("a clip whose note id is not a UUID", """{"scope":"clip","sessionId":"$live","noteId":"abc"}""") with { Mentions = "noteId" };
        yield return New("a highlight reel without a tag", """{"scope":"highlights","sessionId":"$live"}""") with { Mentions = "tag" };
        yield return New("a highlight reel of a tag nobody used", """{"scope":"highlights","sessionId":"$live","tag":"nosuchtag"}""") with { Mentions = "tag" };
        yield return New("a highlight reel of a blank tag", """{"scope":"highlights","sessionId":"$live","tag":"  #"}""") with { Mentions = "tag" };
        yield return New("a highlight reel with a session id of a path", """{"scope":"highlights","sessionId":"../$live","tag":"confusion"}""") with { Mentions = "sessionId" };
        yield return New("text/plain", "{}", 415, "unsupportedMediaType") with { ContentType = "text/plain" };
        yield return new HttpCase($"{Create}: a study that does not exist, its own owner token", "POST", "/api/studies/st_doesnotexist/shares", "$owner:nosuchstudy", 404, "studyNotFound") { Route = Create, Body = "{}" };
        yield return new HttpCase($"{Create}: another team's study", "POST", "/api/studies/$studyB/shares", "$owner:A", 404, "studyNotFound") { Route = Create, Body = "{}" };
        yield return new HttpCase($"{Create}: a view-only link making another", "POST", "/api/studies/$studyA/shares", "$share:A", 403, "forbidden") { Route = Create, Body = """{"expiresInDays":90}""" };
        yield return new HttpCase($"{Create}: a revoked view-only link making another", "POST", "/api/studies/$studyA/shares", "$share:revoked", 403, "forbidden") { Route = Create, Body = "{}" };
        yield return new HttpCase($"{Create}: a moderator invite", "POST", "/api/studies/$studyA/shares", "$inv:mod:live", 403, "forbidden") { Route = Create, Body = "{}" };

        yield return new HttpCase($"{List}: a study that does not exist, its own owner token", "GET", "/api/studies/st_doesnotexist/shares", "$owner:nosuchstudy", 404, "studyNotFound") { Route = List };
        yield return new HttpCase($"{List}: another team's study's links", "GET", "/api/studies/$studyB/shares", "$owner:A", 404, "studyNotFound") { Route = List };
        yield return new HttpCase($"{List}: the clip's view-only link", "GET", "/api/studies/$studyA/shares", "$share:clip", 403, "forbidden") { Route = List };
        yield return new HttpCase($"{List}: an expired view-only link", "GET", "/api/studies/$studyA/shares", "$share:expired", 401, "tokenExpired") { Route = List };

        yield return Off("a link the study does not have", "sh_doesnotexist");
        yield return Off("another study's link", "$shareId:B");
        yield return Off("a link id with a path", "..%2F$shareId:A");
        yield return Off("a link id of 5,000 characters", new string('s', 5000));
        yield return Off("another team's link, by that team's owner through this study", "$shareId:A", "$owner:B", 404, "studyNotFound");
        yield return Off("the link revoking itself", "$shareId:A", "$share:A", 403, "forbidden");
        yield return Off("the clip's link revoking the report's", "$shareId:A", "$share:clip", 403, "forbidden");
        yield return Off("an observer invite", "$shareId:A", "$inv:obs:live", 403, "forbidden");
        yield return new HttpCase($"{Revoke}: PUT instead of DELETE", "PUT", "/api/studies/$studyA/shares/$shareId:A", "$owner:A", 405, "methodNotAllowed") { Route = Revoke, Body = "{}" };
        yield return new HttpCase($"{List}: DELETE on the list", "DELETE", "/api/studies/$studyA/shares", "$owner:A", 405, "methodNotAllowed") { Route = List };

        // A view-only link used on what it does not open: the study's setup, its sessions, invites, recordings.
        yield return new HttpCase("GET /api/studies/{studyId}: an expired view-only link", "GET", "/api/studies/$studyA", "$share:expired", 401, "tokenExpired") { Route = "GET /api/studies/{studyId}" };
        yield return new HttpCase("GET /api/studies/{studyId}: a revoked view-only link", "GET", "/api/studies/$studyA", "$share:revoked", 403, "forbidden") { Route = "GET /api/studies/{studyId}" };
        yield return new HttpCase("GET /api/studies/{studyId}: the clip's view-only link", "GET", "/api/studies/$studyA", "$share:clip", 403, "forbidden") { Route = "GET /api/studies/{studyId}" };
        yield return new HttpCase("POST /api/sessions/{sessionId}/invites: the clip's view-only link", "POST", "/api/sessions/$live/invites", "$share:clip", 403, "forbidden") { Route = "POST /api/sessions/{sessionId}/invites", Body = """{"role":"observer"}""" };
        yield return new HttpCase("POST /api/sessions/{sessionId}/invites: another study's view-only link", "POST", "/api/sessions/$sessB/invites", "$share:A", 403, "forbidden") { Route = "POST /api/sessions/{sessionId}/invites", Body = """{"role":"observer"}""" };
        yield return new HttpCase("GET /api/studies/{studyId}/sessions: another study's view-only link", "GET", "/api/studies/$studyB/sessions", "$share:A", 403, "forbidden") { Route = "GET /api/studies/{studyId}/sessions" };
        yield return new HttpCase("POST /api/sessions/{sessionId}/end: the clip's view-only link", "POST", "/api/sessions/$live/end", "$share:clip", 403, "forbidden") { Route = "POST /api/sessions/{sessionId}/end" };

        // What a link opens, past what it was made for.
        yield return new HttpCase($"{Report}: the clip's view-only link", "GET", "/api/studies/$studyA/report", "$share:clip", 403, "forbidden") { Route = Report };
        yield return new HttpCase($"{Report}: study B's link on study A's report", "GET", "/api/studies/$studyA/report?format=csv-notes", "$share:B", 403, "forbidden") { Route = Report };
        yield return new HttpCase($"{Report}: a padded view-only link", "GET", "/api/studies/$studyA/report", "$pad:share:A", 401, "invalidToken") { Route = Report };
        yield return new HttpCase($"{Report}: a view-only link without its signature", "GET", "/api/studies/$studyA/report", "$nosig:share:A", 401, "invalidToken") { Route = Report };
        yield return new HttpCase($"{Report}: a view-only link with a flipped payload byte", "GET", "/api/studies/$studyA/report", "$flippayload:share:A", 401, "invalidToken") { Route = Report };
        yield return new HttpCase($"{Report}: a view-only link with another token's signature", "GET", "/api/studies/$studyA/report", "$swapsig:share:A", 401, "invalidToken") { Route = Report };
        yield return new HttpCase($"{Report}: a revoked link, as CSV", "GET", "/api/studies/$studyA/report?format=csv-notes", "$share:revoked", 410, "linkRevoked") { Route = Report };
        yield return new HttpCase($"{Report}: a view-only link with a bad format", "GET", "/api/studies/$studyA/report?format=pdf", "$share:A", 400, "invalidRequest") { Route = Report };
        yield return new HttpCase($"{Clip}: the clip's link on another note", "GET", "/api/sessions/$live/notes/$noteObs/clip", "$share:clip", 403, "forbidden") { Route = Clip };
        yield return new HttpCase($"{Clip}: the clip's link on its note in another session's path", "GET", "/api/sessions/$ended/notes/$noteMod/clip", "$share:clip", 403, "forbidden") { Route = Clip };
        yield return new HttpCase($"{Clip}: the report's link on another study's clip", "GET", "/api/sessions/$sessB/notes/$noteB/clip", "$share:A", 403, "forbidden") { Route = Clip };
        yield return new HttpCase($"{Clip}: the report's link on a session that does not exist", "GET", "/api/sessions/se_doesnotexist/notes/$noteMod/clip", "$share:A", 403, "forbidden") { Route = Clip };
        yield return new HttpCase($"{Highlights}: the clip's link on a reel", "GET", "/api/sessions/$live/highlights/confusion", "$share:clip", 403, "forbidden") { Route = Highlights };
        yield return new HttpCase($"{Highlights}: the report's link on another study's reel", "GET", "/api/sessions/$sessB/highlights/confusion", "$share:A", 403, "forbidden") { Route = Highlights };
        yield return new HttpCase("PUT /api/sessions/{sessionId}/notes/{noteId:guid}/clip: the clip's own link", "PUT", "/api/sessions/$live/notes/$noteMod/clip", "$share:clip", 403, "forbidden") { Route = "PUT /api/sessions/{sessionId}/notes/{noteId:guid}/clip", Body = """{"beforeSeconds":1,"afterSeconds":2}""" };
        yield return new HttpCase("POST /api/sessions/{sessionId}/notes/{noteId:guid}/clip/export: the clip's own link", "POST", "/api/sessions/$live/notes/$noteMod/clip/export", "$share:clip", 403, "forbidden") { Route = "POST /api/sessions/{sessionId}/notes/{noteId:guid}/clip/export" };
        yield return new HttpCase("GET /api/sessions/{sessionId}/recordings/{recordingId}/playback: the clip's own link", "GET", "/api/sessions/$live/recordings/$recComplete/playback", "$share:clip", 403, "forbidden") { Route = "GET /api/sessions/{sessionId}/recordings/{recordingId}/playback" };
    }

    /// <summary>Sign-in, the first-run link, invitations and password resets: the routes anyone may call.</summary>
    private static IEnumerable<HttpCase> Accounts()
    {
        const string Setup = "POST /api/account/setup";
        const string SignIn = "POST /api/account/sign-in";
        const string Token = "POST /api/account/token";
        const string Me = "GET /api/account/";
        const string SignOut = "POST /api/account/sign-out";
        const string Preview = "POST /api/account/invitations/preview";
        const string Accept = "POST /api/account/invitations/accept";
        const string Reset = "POST /api/account/password-reset";
        const string NewAccount = ""","email":"new@example.test","displayName":"New","password":"long enough password"}""";
        HttpCase Post(string route, string name, string? token, string? body, int status, string code) =>
            new($"{route}: {name}", "POST", route["POST ".Length..].TrimEnd('/'), token, status, code) { Route = route, Body = body };

        yield return new HttpCase("GET /api/account/setup: DELETE", "DELETE", "/api/account/setup", null, 405, "methodNotAllowed") { Route = "GET /api/account/setup" };
        yield return Post(Setup, "no body", null, null, 400, "invalidRequest");
        yield return Post(Setup, "a made-up link", null, """{"setupToken":"sl2.AAAA"}""" , 401, "invalidToken");
        yield return Post(Setup, "an invite instead of the set-up link", null, """{"setupToken":"$inv:mod:live"}""", 401, "invalidToken");
        yield return Post(Setup, "a genuine link once an owner exists", null, "{\"setupToken\":\"$setup\"" + NewAccount, 409, "alreadySetUp");
        yield return Post(Setup, "a genuine link, no e-mail", null, """{"setupToken":"$setup","displayName":"X","password":"long enough password"}""", 400, "invalidRequest");
        foreach (var route in new[] { SignIn, Token })
        {
            yield return Post(route, "no body", null, null, 400, "invalidRequest");
            yield return Post(route, "no password", null, """{"email":"owner@example.test"}""", 400, "invalidRequest");
            yield return Post(route, "an e-mail nobody has", null, """{"email":"nobody@example.test","password":"whatever it is"}""", 401, "signInFailed");
            yield return Post(route, "e-mail as a number", null, """{"email":5,"password":"x"}""", 400, "invalidRequest");
            yield return Post(route, "not JSON", null, "email=a&password=b", 400, "invalidRequest");
        }
        foreach (var (route, method) in new[] { (Me, "GET"), (SignOut, "POST") })
        {
            var path = route[(method.Length + 1)..].TrimEnd('/');
            yield return new HttpCase($"{route}: no sign-in", method, path, null, 401, "signInRequired") { Route = route };
            yield return new HttpCase($"{route}: a moderator's session link", method, path, "$inv:mod:live", 403, "forbidden") { Route = route };
            yield return new HttpCase($"{route}: a view-only link", method, path, "$share:A", 403, "forbidden") { Route = route };
            yield return new HttpCase($"{route}: a tampered sign-in", method, path, "$flip:owner:A", 401, "invalidToken") { Route = route };
            yield return new HttpCase($"{route}: an expired session link", method, path, "$expired:inv:mod:live", 401, "tokenExpired") { Route = route };
        }
        foreach (var route in new[] { Preview, Accept })
        {
            yield return Post(route, "no body", null, null, 400, "invalidRequest");
            yield return Post(route, "a session invite instead", null, """{"token":"$inv:obs:live"}""", 401, "invalidToken");
            yield return Post(route, "a tampered invitation", null, """{"token":"$flip:invitation:A"}""", 401, "invalidToken");
            yield return Post(route, "token is a number", null, """{"token":7}""", 400, "invalidRequest");
        }
        yield return Post(Accept, "a genuine invitation, no e-mail", null, """{"token":"$invitation:A","displayName":"New","password":"long enough password"}""", 400, "invalidRequest");
        yield return Post(Accept, "a genuine invitation, a name with U+202E", null, """{"token":"$invitation:A","email":"x@example.test","displayName":"Ev\u202Eil","password":"long enough password"}""", 400, "invalidRequest");
        yield return Post(Accept, "a genuine invitation, a three-letter password", null, """{"token":"$invitation:A","email":"x@example.test","displayName":"New","password":"abc"}""", 400, "invalidRequest");
        yield return Post(Reset, "no body", null, null, 400, "invalidRequest");
        foreach (var (route, method, path) in new[]
        {
            ("GET /api/account/passkeys/", "GET", "/api/account/passkeys"),
            ("POST /api/account/passkeys/creation-options", "POST", "/api/account/passkeys/creation-options"),
            ("POST /api/account/passkeys/", "POST", "/api/account/passkeys"),
            ("DELETE /api/account/passkeys/{id}", "DELETE", "/api/account/passkeys/no-such-passkey"),
        })
        {
            yield return new HttpCase($"{route}: no sign-in", method, path, null, 401, "signInRequired") { Route = route, Body = method == "POST" ? "{}" : null };
            yield return new HttpCase($"{route}: a moderator's session link", method, path, "$inv:mod:live", 403, "forbidden") { Route = route, Body = method == "POST" ? "{}" : null };
        }
        yield return new HttpCase("DELETE /api/account/passkeys/{id}: a passkey the member does not have", "DELETE", "/api/account/passkeys/no-such-passkey", "$owner:A", 404, "passkeyNotFound") { Route = "DELETE /api/account/passkeys/{id}" };
        yield return new HttpCase("POST /api/account/passkeys/: no credential", "POST", "/api/account/passkeys", "$owner:A", 400, "invalidRequest") { Route = "POST /api/account/passkeys/", Body = "{}" };
        yield return new HttpCase("POST /api/account/passkeys/request-options: GET instead", "GET", "/api/account/passkeys/request-options", null, 405, "methodNotAllowed") { Route = "POST /api/account/passkeys/request-options" };
        yield return new HttpCase("POST /api/account/passkeys/sign-in: GET instead", "GET", "/api/account/passkeys/sign-in", null, 405, "methodNotAllowed") { Route = "POST /api/account/passkeys/sign-in" };
        yield return Post(Reset, "an invitation instead of a reset link", null, """{"token":"$invitation:A","password":"long enough password"}""", 401, "invalidToken");
        // Single sign-on is off in this world (no Accounts:Oidc:Authority): starting or finishing it is not found, whoever asks.
        yield return new HttpCase("GET /api/account/sso/: DELETE", "DELETE", "/api/account/sso", null, 405, "methodNotAllowed") { Route = "GET /api/account/sso/" };
        foreach (var route in new[] { "GET /api/account/sso/start", "GET /api/account/sso/finish" })
        {
            var path = route["GET ".Length..];
            yield return new HttpCase($"{route}: no provider configured", "GET", path + "?next=/studies", null, 404, "ssoNotConfigured") { Route = route };
            yield return new HttpCase($"{route}: no provider, next off-site", "GET", path + "?next=//evil.example/", "$owner:A", 404, "ssoNotConfigured") { Route = route };
            yield return new HttpCase($"{route}: POST instead", "POST", path, null, 405, "methodNotAllowed") { Route = route };
        }
    }

    /// <summary>Workspaces: members only, owners for members, invitations and the audit log; another team's workspace does not exist.</summary>
    private static IEnumerable<HttpCase> Workspaces()
    {
        const string Create = "POST /api/workspaces/";
        yield return new HttpCase($"{Create}: no sign-in", "POST", "/api/workspaces", null, 401, "signInRequired") { Route = Create, Body = """{"name":"X"}""" };
        yield return new HttpCase($"{Create}: a session link", "POST", "/api/workspaces", "$inv:mod:live", 403, "forbidden") { Route = Create, Body = """{"name":"X"}""" };
        yield return new HttpCase($"{Create}: no name", "POST", "/api/workspaces", "$owner:A", 400, "invalidRequest") { Route = Create, Body = "{}" };
        yield return new HttpCase($"{Create}: a name of 121 characters", "POST", "/api/workspaces", "$owner:A", 400, "invalidRequest") { Route = Create, Body = $$"""{"name":"{{new string('w', 121)}}"}""" };
        yield return new HttpCase($"{Create}: a name with U+200B", "POST", "/api/workspaces", "$owner:A", 400, "invalidRequest") { Route = Create, Body = """{"name":"Te\u200Bam"}""" };
        yield return new HttpCase($"{Create}: name is an array", "POST", "/api/workspaces", "$owner:A", 400, "invalidRequest") { Route = Create, Body = """{"name":["Team"]}""" };

        var routes = new (string Route, string Method, string Suffix, string? Body, string Least)[]
        {
            ("GET /api/workspaces/{workspaceId}/studies", "GET", "/studies", null, "viewer"),
            ("GET /api/workspaces/{workspaceId}/members", "GET", "/members", null, "owner"),
            ("PUT /api/workspaces/{workspaceId}/members/{memberId}", "PUT", "/members/$member:viewer:A", """{"role":"researcher"}""", "owner"),
            ("DELETE /api/workspaces/{workspaceId}/members/{memberId}", "DELETE", "/members/$member:viewer:A", null, "owner"),
            ("POST /api/workspaces/{workspaceId}/members/{memberId}/password-reset", "POST", "/members/$member:viewer:A/password-reset", null, "owner"),
            ("POST /api/workspaces/{workspaceId}/invitations", "POST", "/invitations", """{"role":"viewer"}""", "owner"),
            ("GET /api/workspaces/{workspaceId}/audit", "GET", "/audit", null, "owner"),
        };
        foreach (var (route, method, suffix, body, least) in routes)
        {
            HttpCase Case(string what, string workspace, string? token, int status, string code) =>
                new($"{route}: {what}", method, $"/api/workspaces/{workspace}{suffix}", token, status, code) { Route = route, Body = body };
            yield return Case("no sign-in", "$wsA", null, 401, "signInRequired");
            yield return Case("a moderator's session link", "$wsA", "$inv:mod:live", 403, "forbidden");
            yield return Case("a view-only link", "$wsA", "$share:A", 403, "forbidden");
            yield return Case("a tampered sign-in", "$wsA", "$flip:owner:A", 401, "invalidToken");
            yield return Case("a member of another team", "$wsA", "$owner:B", 404, "workspaceNotFound");
            yield return Case("a workspace that does not exist", "ws_doesnotexist", "$owner:A", 404, "workspaceNotFound");
            if (least == "owner")
            {
                yield return Case("a researcher", "$wsA", "$researcher:A", 403, "forbidden");
                yield return Case("a viewer", "$wsA", "$viewer:A", 403, "forbidden");
            }
        }
        const string Member = "PUT /api/workspaces/{workspaceId}/members/{memberId}";
        yield return new HttpCase($"{Member}: no role", "PUT", "/api/workspaces/$wsA/members/$member:viewer:A", "$owner:A", 400, "invalidRequest") { Route = Member, Body = "{}" };
        yield return new HttpCase($"{Member}: an unknown role", "PUT", "/api/workspaces/$wsA/members/$member:viewer:A", "$owner:A", 400, "invalidRequest") { Route = Member, Body = """{"role":"admin"}""" };
        yield return new HttpCase($"{Member}: the role as a number", "PUT", "/api/workspaces/$wsA/members/$member:viewer:A", "$owner:A", 400, "invalidRequest") { Route = Member, Body = """{"role":3}""" };
        yield return new HttpCase($"{Member}: the last owner made a viewer", "PUT", "/api/workspaces/$wsA/members/$member:owner:A", "$owner:A", 409, "lastOwner") { Route = Member, Body = """{"role":"viewer"}""" };
        yield return new HttpCase($"{Member}: someone who is not a member", "PUT", "/api/workspaces/$wsA/members/$member:owner:B", "$owner:A", 404, "memberNotFound") { Route = Member, Body = """{"role":"viewer"}""" };
        const string Remove = "DELETE /api/workspaces/{workspaceId}/members/{memberId}";
        yield return new HttpCase($"{Remove}: the last owner", "DELETE", "/api/workspaces/$wsA/members/$member:owner:A", "$owner:A", 409, "lastOwner") { Route = Remove };
        yield return new HttpCase($"{Remove}: someone who is not a member", "DELETE", "/api/workspaces/$wsA/members/no-such-member", "$owner:A", 404, "memberNotFound") { Route = Remove };
        const string Reset = "POST /api/workspaces/{workspaceId}/members/{memberId}/password-reset";
        yield return new HttpCase($"{Reset}: another team's member", "POST", "/api/workspaces/$wsA/members/$member:owner:B/password-reset", "$owner:A", 404, "memberNotFound") { Route = Reset };
        const string Invite = "POST /api/workspaces/{workspaceId}/invitations";
        HttpCase BadInvite(string name, string body) => new($"{Invite}: {name}", "POST", "/api/workspaces/$wsA/invitations", "$owner:A", 400, "invalidRequest") { Route = Invite, Body = body };
        yield return BadInvite("no role", "{}");
        yield return BadInvite("a session role instead", """{"role":"moderator"}""");
        yield return BadInvite("0 days", """{"role":"viewer","expiresInDays":0}""");
        yield return BadInvite("31 days", """{"role":"viewer","expiresInDays":31}""");
        yield return BadInvite("days as text", """{"role":"viewer","expiresInDays":"7"}""");
        yield return BadInvite("an e-mail without @", """{"role":"viewer","email":"ana.example.test"}""");
        yield return BadInvite("an e-mail with a display name", """{"role":"viewer","email":"Ana <ana@example.test>"}""");
    }

    /// <summary>
    /// A workspace's storage use, for its members: the tokens of the guarded routes, with a workspace (not a study) as
    /// what a member of another team cannot see. Study A is in the first workspace.
    /// </summary>
    private static IEnumerable<HttpCase> WorkspaceStorage()
    {
        const string Route = "GET /api/workspaces/{workspaceId}/storage";
        HttpCase Case(string what, string? token, int status, string code, string workspaceId = "ws_team") =>
            new($"{Route}: {what}", "GET", $"/api/workspaces/{workspaceId}/storage", token, status, code) { Route = Route };
        yield return Case("no token", null, 401, "signInRequired");
        yield return Case("flipped signature byte", "$flip:owner:A", 401, "invalidToken");
        yield return Case("expired token", "$expired:owner:A", 401, "tokenExpired");
        yield return Case("member of another workspace", "$owner:B", 404, "workspaceNotFound");
        yield return Case("workspace that does not exist", "$owner:A", 404, "workspaceNotFound", "ws_nonexistent");
        yield return Case("the study's view-only link", "$share:A", 403, "forbidden");
        yield return Case("a moderator's session link", "$inv:mod:live", 403, "forbidden");
    }

    /// <summary>Requests that reach no endpoint, and methods an endpoint does not take.</summary>
    private static IEnumerable<HttpCase> Unrouted()
    {
        yield return new HttpCase("unknown API path", "GET", "/api/nothing", "$owner:A", 404, "notFound");
        // A literal "/api/sessions/../../etc/passwd" never reaches a server: clients resolve the dot segments first
        // (to /etc/passwd, a page of the browser app). Escaped slashes keep the dot-dot inside the session id.
        yield return new HttpCase("API path with dot-dot", "GET", "/api/sessions/..%2F..%2Fetc%2Fpasswd", "$owner:A", 404, "sessionNotFound");
        yield return new HttpCase("API path with encoded dot-dot", "GET", "/api/%2e%2e/%2e%2e/sessionlab.db", "$owner:A", 404, "notFound");
        yield return new HttpCase("PATCH a study (edits are a PUT of the whole study)", "PATCH", "/api/studies/$studyA", "$owner:A", 405, "methodNotAllowed") { Route = "GET /api/studies/{studyId}", Body = "{}" };
        yield return new HttpCase("PATCH a session", "PATCH", "/api/sessions/$live", "$owner:A", 405, "methodNotAllowed") { Route = "GET /api/sessions/{sessionId}", Body = "{}" };
        // Lifecycle: what a session, recording or study cannot be made to do, and bodies that say nothing.
        yield return new HttpCase("cancel: no reason given", "POST", "/api/sessions/$scheduled/cancel", "$owner:A", 400, "invalidRequest") { Route = "POST /api/sessions/{sessionId}/cancel", Body = "{}" };
        yield return new HttpCase("cancel: no body", "POST", "/api/sessions/$scheduled/cancel", "$researcher:A", 400, "invalidRequest") { Route = "POST /api/sessions/{sessionId}/cancel", ContentType = null };
        yield return new HttpCase("cancel: noShow is text", "POST", "/api/sessions/$scheduled/cancel", "$owner:A", 400, "invalidRequest") { Route = "POST /api/sessions/{sessionId}/cancel", Body = """{"noShow":"yes"}""" };
        yield return new HttpCase("cancel: a live session", "POST", "/api/sessions/$live/cancel", "$owner:A", 409, "sessionAlreadyStarted") { Route = "POST /api/sessions/{sessionId}/cancel", Body = """{"noShow":true}""" };
        yield return new HttpCase("cancel: an ended session", "POST", "/api/sessions/$ended/cancel", "$owner:A", 409, "sessionEnded") { Route = "POST /api/sessions/{sessionId}/cancel", Body = """{"noShow":false}""" };
        yield return new HttpCase("cancel: as a viewer", "POST", "/api/sessions/$scheduled/cancel", "$viewer:A", 403, "forbidden") { Route = "POST /api/sessions/{sessionId}/cancel", Body = """{"noShow":true}""" };
        yield return new HttpCase("preview deleting a session with the moderator's link", "GET", "/api/sessions/$live/deletion", "$inv:mod:live", 403, "forbidden") { Route = "GET /api/sessions/{sessionId}/deletion" };
        yield return new HttpCase("DELETE a live session", "DELETE", "/api/sessions/$live", "$owner:A", 409, "sessionLive") { Route = "DELETE /api/sessions/{sessionId}/" };
        yield return new HttpCase("DELETE an unknown session", "DELETE", "/api/sessions/se_nosuchsession", "$owner:A", 404, "sessionNotFound") { Route = "DELETE /api/sessions/{sessionId}/" };
        yield return new HttpCase("DELETE a recording still being made in a live session", "DELETE", "/api/sessions/$live/recordings/$recUploading", "$owner:A", 409, "sessionLive") { Route = "DELETE /api/sessions/{sessionId}/recordings/{recordingId}" };
        yield return new HttpCase("DELETE an unknown recording", "DELETE", "/api/sessions/$live/recordings/rec_nosuch", "$owner:A", 404, "recordingNotFound") { Route = "DELETE /api/sessions/{sessionId}/recordings/{recordingId}" };
        yield return new HttpCase("preview deleting an unknown recording", "GET", "/api/sessions/$live/recordings/rec_nosuch/deletion", "$researcher:A", 404, "recordingNotFound") { Route = "GET /api/sessions/{sessionId}/recordings/{recordingId}/deletion" };
        yield return new HttpCase("DELETE a study with a live session", "DELETE", "/api/studies/$studyA", "$owner:A", 409, "sessionLive") { Route = "DELETE /api/studies/{studyId}/" };
        yield return new HttpCase("DELETE a study as a researcher", "DELETE", "/api/studies/$studyA", "$researcher:A", 403, "forbidden") { Route = "DELETE /api/studies/{studyId}/" };
        yield return new HttpCase("preview deleting a study as a researcher", "GET", "/api/studies/$studyA/deletion", "$researcher:A", 403, "forbidden") { Route = "GET /api/studies/{studyId}/deletion" };
        yield return new HttpCase("archive an unknown study", "POST", "/api/studies/st_nosuchstudy/archive", "$owner:A", 404, "studyNotFound") { Route = "POST /api/studies/{studyId}/archive" };
        yield return new HttpCase("restore as a viewer", "POST", "/api/studies/$studyA/restore", "$viewer:A", 403, "forbidden") { Route = "POST /api/studies/{studyId}/restore" };
        yield return new HttpCase("DELETE a study's sessions", "DELETE", "/api/studies/$studyA/sessions", "$owner:A", 405, "methodNotAllowed") { Route = "GET /api/studies/{studyId}/sessions" };
        yield return new HttpCase("GET on the studies collection", "GET", "/api/studies", null, 405, "methodNotAllowed") { Route = "POST /api/studies/" };
        yield return new HttpCase("PUT a recording", "PUT", "/api/sessions/$live/recordings/$recComplete", "$owner:A", 405, "methodNotAllowed") { Route = "GET /api/sessions/{sessionId}/recordings/{recordingId}", Body = "{}" };
        yield return new HttpCase("PUT the session's events", "PUT", "/api/sessions/$live/events", "$owner:A", 405, "methodNotAllowed") { Route = "GET /api/sessions/{sessionId}/events", Body = "[]" };
        yield return new HttpCase("GET the invites", "GET", "/api/sessions/$live/invites", "$owner:A", 405, "methodNotAllowed") { Route = "POST /api/sessions/{sessionId}/invites" };
        yield return new HttpCase("GET a completion", "GET", "/api/sessions/$live/recordings/$recUploading/complete", "$owner:A", 405, "methodNotAllowed") { Route = "POST /api/sessions/{sessionId}/recordings/{recordingId}/complete" };
        yield return new HttpCase("POST a playback link", "POST", "/api/sessions/$live/recordings/$recComplete/playback", "$owner:A", 405, "methodNotAllowed") { Route = "GET /api/sessions/{sessionId}/recordings/{recordingId}/playback" };
        yield return new HttpCase("POST the upload status", "POST", "/api/sessions/$live/recordings/$recUploading/upload", "$owner:A", 405, "methodNotAllowed") { Route = "GET /api/sessions/{sessionId}/recordings/{recordingId}/upload" };
        yield return new HttpCase("GET a chunk", "GET", "/api/sessions/$live/recordings/$recUploading/chunks/0", "$owner:A", 405, "methodNotAllowed") { Route = "PUT /api/sessions/{sessionId}/recordings/{recordingId}/chunks/{index:int}" };
        yield return new HttpCase("GET a clip export", "GET", "/api/sessions/$live/notes/$noteMod/clip/export", "$owner:A", 405, "methodNotAllowed") { Route = "POST /api/sessions/{sessionId}/notes/{noteId:guid}/clip/export" };
        yield return new HttpCase("DELETE a highlight reel", "DELETE", "/api/sessions/$live/highlights/confusion", "$owner:A", 405, "methodNotAllowed") { Route = "GET /api/sessions/{sessionId}/highlights/{tag}" };
        yield return new HttpCase("POST the report", "POST", "/api/studies/$studyA/report", "$owner:A", 405, "methodNotAllowed") { Route = "GET /api/studies/{studyId}/report" };
        yield return new HttpCase("POST the severities", "POST", "/api/studies/$studyA/findings/severities", "$owner:A", 405, "methodNotAllowed") { Route = "GET /api/studies/{studyId}/findings/severities" };
        yield return new HttpCase("POST the health check", "POST", "/healthz", null, 405, "methodNotAllowed") { Route = "GET /healthz" };
    }
}
