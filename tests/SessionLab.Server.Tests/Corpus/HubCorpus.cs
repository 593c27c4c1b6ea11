namespace SessionLab.Server.Tests.Corpus;

/// <summary>
/// Bad hub calls, each with the typed error it must be answered with. The live session has task 1 ended (its SEQ not
/// asked), task 2 running and task 3 never shown; a note by the moderator (<c>$noteMod</c>) and one by an observer who is
/// none of the corpus connections (<c>$noteObs</c>); and one by the observer connection <c>obs@live</c> (<c>$noteOwn</c>).
/// </summary>
internal static class HubCorpus
{
    private static readonly string[] Commands =
        ["StartSession", "EndSession", "AddNote", "EditNote", "DeleteNote", "StartTask", "EndTask", "AskQuestionnaire", "AnswerSeq", "AnswerSus", "AddPaletteTag"];

    public static IReadOnlyList<HubCase> All { get; } = [.. Shapes(), .. Joins(), .. Notes(), .. Tasks(), .. Questionnaires(), .. OutOfOrder(), .. Repeats(), .. CrossRole(), .. CrossSession(), .. Reuse(), .. PaletteTags()];

    private static string Id() => Guid.NewGuid().ToString();

    private static string Note(string text = "\"A note\"", string tags = "[]", string kind = "\"observation\"", string clock = "0", string? noteId = null) =>
        $$"""{"commandId":"{{Id()}}","noteId":"{{noteId ?? Id()}}","clockOffsetMs":{{clock}},"text":{{text}},"tags":{{tags}},"kind":{{kind}}}""";

    private static string Edit(string noteId = "$noteObs", string text = "\"Edited\"", string tags = "[]", string kind = "\"observation\"") =>
        $$"""{"commandId":"{{Id()}}","noteId":"{{noteId}}","text":{{text}},"tags":{{tags}},"kind":{{kind}}}""";

    private static string EndTask(string task = "$task2", string outcome = "\"success\"", string errors = "0", string assists = "0", string comment = "null") =>
        $$"""{"commandId":"{{Id()}}","taskId":"{{task}}","outcome":{{outcome}},"errors":{{errors}},"assists":{{assists}},"comment":{{comment}}}""";

    private static string Seq(string task = "$task1", string rating = "5", string comment = "null") =>
        $$"""{"commandId":"{{Id()}}","taskId":"{{task}}","rating":{{rating}},"comment":{{comment}}}""";

    private static string Sus(string responses) => $$"""{"commandId":"{{Id()}}","responses":{{responses}}}""";

    private static string Tag(string name) => $$"""{"commandId":"{{Id()}}","name":{{name}}}""";

    /// <summary>Adding a tag to the palette from a live session: none of these may add one, so study A's palette stays as it is.</summary>
    private static IEnumerable<HubCase> PaletteTags()
    {
        yield return new HubCase("AddPaletteTag: by an observer", "obs@live", "AddPaletteTag", Tag("\"spotted\""), "forbidden");
        yield return new HubCase("AddPaletteTag: by the participant", "part@live", "AddPaletteTag", Tag("\"spotted\""), "forbidden");
        yield return new HubCase("AddPaletteTag: before the session started", "mod@scheduled", "AddPaletteTag", Tag("\"spotted\""), "sessionNotLive");
        yield return new HubCase("AddPaletteTag: without a name", "mod@live", "AddPaletteTag", $$"""{"commandId":"{{Id()}}"}""", "invalidRequest") { Mentions = "name is required" };
        yield return new HubCase("AddPaletteTag: a name that is a number", "mod@live", "AddPaletteTag", Tag("5"), "invalidRequest") { Mentions = "'name'" };
        yield return new HubCase("AddPaletteTag: a name with a space", "mod@live", "AddPaletteTag", Tag("\"two words\""), "invalidRequest");
        yield return new HubCase("AddPaletteTag: a name of 41 characters", "mod@live", "AddPaletteTag", Tag(Long(41)), "invalidRequest");
        yield return new HubCase("AddPaletteTag: a name with U+202E", "mod@live", "AddPaletteTag", Tag("\"conf\\u202Eusion\""), "invalidCharacters");
        yield return new HubCase("AddPaletteTag: a tag the palette has, in another case", "mod@live", "AddPaletteTag", Tag("\"#CONFUSION\""), "invalidRequest") { Mentions = "already in this study's tag palette" };
    }

    private static string Join(string? name = "\"Olu\"", string lastSeen = "0", string identity = "null") =>
        $$"""{"displayName":{{name ?? "null"}},"identityToken":{{identity}},"lastSeenSequence":{{lastSeen}}}""";

    private static string Long(int length) => $"\"{new string('x', length)}\"";

    /// <summary>Requests of the wrong shape: none, null, empty, of the wrong JSON type; and methods that do not exist.</summary>
    private static IEnumerable<HubCase> Shapes()
    {
        foreach (var method in Commands)
        {
            yield return new HubCase($"{method}: null request", "mod@live", method, "null", "invalidRequest");
            yield return new HubCase($"{method}: empty object (no commandId)", "mod@live", method, "{}", "invalidRequest");
            yield return new HubCase($"{method}: commandId of all zeros", "mod@live", method, $$"""{"commandId":"{{Guid.Empty}}"}""", "invalidRequest");
            yield return new HubCase($"{method}: request is an array", "mod@live", method, "[]", "invalidRequest") { Mentions = "must be an object" };
            yield return new HubCase($"{method}: request is a string", "mod@live", method, "\"start\"", "invalidRequest") { Mentions = "must be an object" };
            yield return new HubCase($"{method}: no arguments", "mod@live", method, null, "invalidRequest") { Arguments = "[]", Mentions = "exactly one request object" };
            yield return new HubCase($"{method}: two requests", "mod@live", method, null, "invalidRequest") { Arguments = $$"""[{"commandId":"{{Id()}}"},{"commandId":"{{Id()}}"}]""", Mentions = "exactly one request object" };
            yield return new HubCase($"{method}: commandId not a UUID", "mod@live", method, """{"commandId":"abc"}""", "invalidRequest") { Mentions = "'commandId'" };
            yield return new HubCase($"{method}: commandId a number", "mod@live", method, """{"commandId":1234}""", "invalidRequest") { Mentions = "'commandId'" };
            yield return new HubCase($"{method}: before Join", "unjoined", method, $$"""{"commandId":"{{Id()}}"}""", "notJoined");
        }
        yield return new HubCase("Join: null request", "fresh", "Join", "null", "invalidRequest");
        yield return new HubCase("Join: request is an array", "fresh", "Join", "[]", "invalidRequest") { Mentions = "must be an object" };
        yield return new HubCase("Join: no arguments", "fresh", "Join", null, "invalidRequest") { Arguments = "[]", Mentions = "exactly one request object" };
        yield return new HubCase("Join: two requests", "fresh", "Join", null, "invalidRequest") { Arguments = """[{"displayName":"Olu"},{"displayName":"Olu"}]""", Mentions = "exactly one request object" };
        yield return new HubCase("a method that does not exist", "mod@live", "DropSession", "{}", "unknownMethod");
        yield return new HubCase("a hub lifecycle method", "mod@live", "OnDisconnectedAsync", "null", "unknownMethod");
        yield return new HubCase("a method of the hub's base class", "mod@live", "Dispose", null, "unknownMethod") { Arguments = "[]" };
        yield return new HubCase("a client method called on the server", "mod@live", "Events", "[]", "unknownMethod");
        yield return new HubCase("a method name with a trailing space", "mod@live", "AddNote ", Note(), "unknownMethod");
        yield return new HubCase("a grain method through the hub", "mod@live", "ScheduleAsync", "{}", "unknownMethod");
        yield return new HubCase("AddNote: text is a number", "obs@live", "AddNote", Note(text: "5"), "invalidRequest") { Mentions = "'text'" };
        yield return new HubCase("AddNote: text is an object", "obs@live", "AddNote", Note(text: "{}"), "invalidRequest") { Mentions = "'text'" };
        yield return new HubCase("AddNote: tags is a string", "obs@live", "AddNote", Note(tags: "\"confusion\""), "invalidRequest") { Mentions = "'tags'" };
        yield return new HubCase("AddNote: a tag is a number", "obs@live", "AddNote", Note(tags: "[1]"), "invalidRequest") { Mentions = "'tags[0]'" };
        yield return new HubCase("AddNote: clockOffsetMs in quotes", "obs@live", "AddNote", Note(clock: "\"5\""), "invalidRequest") { Mentions = "'clockOffsetMs'" };
        yield return new HubCase("AddNote: clockOffsetMs with a fraction", "obs@live", "AddNote", Note(clock: "1.5"), "invalidRequest") { Mentions = "'clockOffsetMs'" };
        yield return new HubCase("AddNote: clockOffsetMs past long", "obs@live", "AddNote", Note(clock: "99999999999999999999"), "invalidRequest") { Mentions = "'clockOffsetMs'" };
        yield return new HubCase("AddNote: unknown kind", "obs@live", "AddNote", Note(kind: "\"sticky\""), "invalidRequest") { Mentions = "'kind'" };
        yield return new HubCase("AddNote: kind as a number", "obs@live", "AddNote", Note(kind: "0"), "invalidRequest") { Mentions = "'kind'" };
        yield return new HubCase("AddNote: kind null", "obs@live", "AddNote", Note(kind: "null"), "invalidRequest") { Mentions = "kind is required" };
        yield return new HubCase("AddNote: commandId is a number", "obs@live", "AddNote", Note().Replace("\"commandId\":\"", "\"commandId\":1,\"x\":\"", StringComparison.Ordinal), "invalidRequest") { Mentions = "'commandId'" };
        yield return new HubCase("EndTask: unknown outcome", "mod@live", "EndTask", EndTask(outcome: "\"win\""), "invalidRequest") { Mentions = "'outcome'" };
        yield return new HubCase("EndTask: outcome as a number", "mod@live", "EndTask", EndTask(outcome: "1"), "invalidRequest") { Mentions = "'outcome'" };
        yield return new HubCase("EndTask: errors in quotes", "mod@live", "EndTask", EndTask(errors: "\"1\""), "invalidRequest") { Mentions = "'errors'" };
        yield return new HubCase("EndTask: errors with a fraction", "mod@live", "EndTask", EndTask(errors: "0.5"), "invalidRequest") { Mentions = "'errors'" };
        yield return new HubCase("EndTask: assists past int", "mod@live", "EndTask", EndTask(assists: "4294967296"), "invalidRequest") { Mentions = "'assists'" };
        yield return new HubCase("AskQuestionnaire: unknown kind", "mod@live", "AskQuestionnaire", $$"""{"commandId":"{{Id()}}","kind":"nps"}""", "invalidRequest") { Mentions = "'kind'" };
        yield return new HubCase("AskQuestionnaire: kind as a number", "mod@live", "AskQuestionnaire", $$"""{"commandId":"{{Id()}}","kind":1}""", "invalidRequest") { Mentions = "'kind'" };
        yield return new HubCase("AnswerSeq: rating in quotes", "mod@live", "AnswerSeq", Seq(rating: "\"5\""), "invalidRequest") { Mentions = "'rating'" };
        yield return new HubCase("AnswerSeq: rating with a fraction", "mod@live", "AnswerSeq", Seq(rating: "4.5"), "invalidRequest") { Mentions = "'rating'" };
        yield return new HubCase("AnswerSus: responses is a string", "mod@live", "AnswerSus", Sus("\"5555555555\""), "invalidRequest") { Mentions = "'responses'" };
        yield return new HubCase("AnswerSus: a response in quotes", "mod@live", "AnswerSus", Sus("[\"1\",2,3,4,5,1,2,3,4,5]"), "invalidRequest") { Mentions = "'responses[0]'" };
        yield return new HubCase("AnswerSus: a response null", "mod@live", "AnswerSus", Sus("[null,2,3,4,5,1,2,3,4,5]"), "invalidRequest") { Mentions = "'responses[0]'" };
        yield return new HubCase("Join: identityToken is a number", "fresh", "Join", Join(identity: "5"), "invalidRequest") { Mentions = "'identityToken'" };
        yield return new HubCase("Join: displayName is an object", "fresh", "Join", Join("{}"), "invalidRequest") { Mentions = "'displayName'" };
        yield return new HubCase("Join: lastSeenSequence in quotes", "fresh", "Join", Join(lastSeen: "\"3\""), "invalidRequest") { Mentions = "'lastSeenSequence'" };
        yield return new HubCase("Join: lastSeenSequence with a fraction", "fresh", "Join", Join(lastSeen: "1.5"), "invalidRequest") { Mentions = "'lastSeenSequence'" };
        yield return new HubCase("Join: lastSeenSequence null", "fresh", "Join", Join(lastSeen: "null"), "invalidRequest") { Mentions = "'lastSeenSequence'" };
    }

    /// <summary>Joining a session that does not exist or ended, with hidden characters in names, and with impossible sequences (bad links are refused at the door: <see cref="HubDoorCorpus"/>).</summary>
    private static IEnumerable<HubCase> Joins()
    {
        HubCase Case(string name, string request, string code, string caller = "fresh", string invite = "$inv:obs:live") =>
            new($"Join: {name}", caller, "Join", request, code) { Invite = invite };

        yield return Case("invite for a session that does not exist", Join(), "sessionNotFound", invite: "$inv:obs:nosuchsession");
        yield return Case("invite of a session that ended (revoked)", Join(), "sessionEnded", invite: "$inv:obs:ended");
        yield return Case("moderator invite of a session that ended", Join("\"Mo\""), "sessionEnded", invite: "$inv:mod:ended");
        yield return Case("observer without a name", Join(null), "invalidDisplayName");
        yield return Case("observer with an empty name", Join("\"\""), "invalidDisplayName");
        yield return Case("observer with a blank name", Join("\"   \""), "invalidDisplayName");
        yield return Case("observer with a name of 81 characters", Join(Long(81)), "invalidDisplayName");
        yield return Case("observer with a name of 20,000 characters", Join(Long(20_000)), "invalidDisplayName");
        yield return Case("name holding NUL", Join("\"Mo\\u0000\""), "invalidDisplayName");
        yield return Case("name holding a line break", Join("\"Mo\\nDerator\""), "invalidDisplayName");
        yield return Case("name holding a carriage return", Join("\"Mo\\rX\""), "invalidDisplayName");
        yield return Case("name holding a tab", Join("\"Mo\\tX\""), "invalidDisplayName");
        yield return Case("name holding ESC (terminal escape)", Join("\"\\u001b[31mMo\""), "invalidDisplayName");
        yield return Case("name holding DEL", Join("\"Mo\\u007f\""), "invalidDisplayName");
        yield return Case("name holding a C1 control", Join("\"Mo\\u009b\""), "invalidDisplayName");
        yield return Case("name holding U+202E (right-to-left override)", Join("\"\\u202EoM\""), "invalidDisplayName");
        yield return Case("name holding U+202D (left-to-right override)", Join("\"\\u202DMo\""), "invalidDisplayName");
        yield return Case("name holding U+202B (right-to-left embedding)", Join("\"\\u202BMo\""), "invalidDisplayName");
        yield return Case("name holding U+2067 (right-to-left isolate)", Join("\"\\u2067Mo\""), "invalidDisplayName");
        yield return Case("name holding U+2068 (first strong isolate)", Join("\"\\u2068Mo\""), "invalidDisplayName");
        yield return Case("name holding U+200B (zero-width space)", Join("\"Mo\\u200Bx\""), "invalidDisplayName") with { Mentions = "U+200B" };
        yield return Case("name holding U+200E (LRM)", Join("\"Mo\\u200Ex\""), "invalidDisplayName") with { Mentions = "U+200E" };
        yield return Case("name holding U+200F (RLM)", Join("\"Mo\\u200Fx\""), "invalidDisplayName") with { Mentions = "U+200F" };
        yield return Case("name holding U+061C (Arabic letter mark)", Join("\"Mo\\u061Cx\""), "invalidDisplayName") with { Mentions = "U+061C" };
        yield return Case("name holding U+FEFF (BOM)", Join("\"\\uFEFFMo\""), "invalidDisplayName") with { Mentions = "U+FEFF" };
        yield return Case("moderator naming themselves with U+202E", Join("\"\\u202EoM\""), "invalidDisplayName", invite: "$inv:mod:live");
        yield return Case("lastSeenSequence negative", Join(lastSeen: "-1"), "invalidRequest");
        yield return Case("lastSeenSequence past the head", Join(lastSeen: "1000000"), "invalidRequest");
        yield return Case("lastSeenSequence long.MaxValue", Join(lastSeen: "9223372036854775807"), "invalidRequest");
    }

    private static IEnumerable<HubCase> Notes()
    {
        HubCase Add(string name, string request, string code, string caller = "obs@live") => new($"AddNote: {name}", caller, "AddNote", request, code);
        HubCase Change(string name, string request, string code, string caller = "obs@live") => new($"EditNote: {name}", caller, "EditNote", request, code);

        yield return Add("empty text", Note(text: "\"\""), "noteEmpty");
        yield return Add("blank text", Note(text: "\"  \\n\\t  \""), "noteEmpty");
        yield return Add("no text", Note(text: "null"), "noteEmpty");
        yield return Add("2,001 characters", Note(text: Long(2001)), "noteTooLong");
        yield return Add("50,000 characters", Note(text: Long(50_000)), "noteTooLong");
        yield return Add("2,001 emoji", Note(text: $"\"{string.Concat(Enumerable.Repeat("\\uD83D\\uDE00", 1001))}\""), "noteTooLong");
        yield return Add("a tag not in the palette", Note(tags: "[\"nosuch\"]"), "unknownTag");
        yield return Add("a tag with # not in the palette", Note(tags: "[\"#nosuch\"]"), "unknownTag");
        yield return Add("an empty tag", Note(tags: "[\"\"]"), "unknownTag");
        yield return Add("a null tag", Note(tags: "[null]"), "unknownTag");
        yield return Add("a tag with a zero-width joiner", Note(tags: "[\"confu\\u200Dsion\"]"), "unknownTag");
        yield return Add("a tag with U+202E", Note(tags: "[\"\\u202Enoisufnoc\"]"), "unknownTag");
        yield return Add("a tag with a path", Note(tags: "[\"../confusion\"]"), "unknownTag");
        yield return Add("a tag spelled with Cyrillic look-alike letters", Note(tags: "[\"соnfusion\"]"), "unknownTag");
        yield return Add("21 tags", Note(tags: "[" + string.Join(',', Enumerable.Repeat("\"confusion\"", 21)) + "]"), "tooManyTags");
        yield return Add("1,000 tags", Note(tags: "[" + string.Join(',', Enumerable.Repeat("\"x\"", 1000)) + "]"), "tooManyTags");
        yield return Add("clock offset negative", Note(clock: "-1"), "invalidClockOffset");
        yield return Add("clock offset long.MinValue", Note(clock: "-9223372036854775808"), "invalidClockOffset");
        yield return Add("clock offset an hour ahead", Note(clock: "3600000000"), "invalidClockOffset");
        yield return Add("clock offset long.MaxValue", Note(clock: "9223372036854775807"), "invalidClockOffset");
        yield return Add("noteId of all zeros", Note(noteId: Guid.Empty.ToString()), "invalidRequest") with { Mentions = "noteId" };
        yield return Add("without kind", Note().Replace(",\"kind\":\"observation\"", "", StringComparison.Ordinal), "invalidRequest") with { Mentions = "kind is required" };
        yield return Add("without noteId", Note().Replace("\"noteId\":", "\"x\":", StringComparison.Ordinal), "invalidRequest") with { Mentions = "noteId is required" };
        yield return Add("noteId not a UUID", Note(noteId: "abc"), "invalidRequest") with { Mentions = "'noteId'" };
        yield return Add("noteId of digits", Note(noteId: "1234"), "invalidRequest") with { Mentions = "'noteId'" };
        yield return Add("commandId not a UUID, the rest well formed", Note().Replace("\"commandId\":\"", "\"commandId\":\"abc\",\"x\":\"", StringComparison.Ordinal), "invalidRequest") with { Mentions = "'commandId'" };
        yield return Add("kind in PascalCase", Note(kind: "\"Observation\""), "invalidRequest") with { Mentions = "'kind'" };
        yield return Add("kind in capitals", Note(kind: "\"OBSERVATION\""), "invalidRequest") with { Mentions = "'kind'" };
        yield return Add("kind with a trailing space (once read as observation)", Note(kind: "\"observation \""), "invalidRequest") with { Mentions = "'kind'" };
        yield return Add("text holding NUL", Note(text: "\"Missed\\u0000 it\""), "invalidCharacters") with { Mentions = "U+0000" };
        yield return Add("text holding U+202E", Note(text: "\"Missed \\u202Eti\""), "invalidCharacters") with { Mentions = "U+202E" };
        yield return Add("text holding U+200E (LRM)", Note(text: "\"Missed \\u200Eit\""), "invalidCharacters") with { Mentions = "U+200E" };
        yield return Add("text holding a BOM", Note(text: "\"\\uFEFFMissed it\""), "invalidCharacters") with { Mentions = "U+FEFF" };
        yield return Add("text beginning with NUL then a formula (a CSV injection kept out)", Note(text: "\"\\u0000=1+1\""), "invalidCharacters") with { Mentions = "U+0000" };
        yield return Add("text beginning with U+200B then a formula (a CSV injection kept out)", Note(text: "\"\\u200B=1+1\""), "invalidCharacters") with { Mentions = "U+200B" };
        yield return Add("noteId of an existing note", Note(noteId: "$noteObs"), "noteAlreadyExists");
        yield return Add("noteId of the moderator's note", Note(noteId: "$noteMod"), "noteAlreadyExists", "mod@live");
        yield return Add("by the moderator with 21 tags", Note(tags: "[" + string.Join(',', Enumerable.Repeat("\"delight\"", 21)) + "]"), "tooManyTags", "mod@live");

        yield return Change("another observer's note", Edit(), "notNoteAuthor");
        yield return Change("text holding NUL", Edit("$noteOwn", text: "\"Edited\\u0000\""), "invalidCharacters") with { Mentions = "U+0000" };
        yield return Change("text holding U+202E", Edit("$noteOwn", text: "\"\\u202EdetidE\""), "invalidCharacters") with { Mentions = "U+202E" };
        yield return Change("without kind", Edit("$noteOwn").Replace(",\"kind\":\"observation\"", "", StringComparison.Ordinal), "invalidRequest") with { Mentions = "kind is required" };
        yield return Change("without noteId", Edit().Replace("\"noteId\":", "\"x\":", StringComparison.Ordinal), "invalidRequest") with { Mentions = "noteId is required" };
        yield return Change("noteId not a UUID", Edit("abc"), "invalidRequest") with { Mentions = "'noteId'" };
        yield return Change("the moderator's note, by an observer", Edit("$noteMod"), "notNoteAuthor");
        yield return Change("another's note, by the moderator", Edit("$noteObs"), "notNoteAuthor", "mod@live");
        yield return Change("a note that does not exist", Edit(Id()), "noteNotFound");
        yield return Change("a note of all zeros", Edit(Guid.Empty.ToString()), "invalidRequest") with { Mentions = "noteId is required" };
        yield return Change("another's note with empty text", Edit(text: "\"\""), "notNoteAuthor");
        yield return new HubCase("DeleteNote: without noteId", "obs@live", "DeleteNote", $$"""{"commandId":"{{Id()}}"}""", "invalidRequest") { Mentions = "noteId is required" };
        yield return new HubCase("DeleteNote: noteId not a UUID", "obs@live", "DeleteNote", $$"""{"commandId":"{{Id()}}","noteId":"1234"}""", "invalidRequest") { Mentions = "'noteId'" };
        yield return new HubCase("DeleteNote: another observer's note", "obs@live", "DeleteNote", $$"""{"commandId":"{{Id()}}","noteId":"$noteObs"}""", "notNoteAuthor");
        yield return new HubCase("DeleteNote: the moderator's note, by an observer", "obs@live", "DeleteNote", $$"""{"commandId":"{{Id()}}","noteId":"$noteMod"}""", "notNoteAuthor");
        yield return new HubCase("DeleteNote: a note that does not exist", "obs@live", "DeleteNote", $$"""{"commandId":"{{Id()}}","noteId":"{{Id()}}"}""", "noteNotFound");
        yield return new HubCase("DeleteNote: a note that does not exist, by the moderator", "mod@live", "DeleteNote", $$"""{"commandId":"{{Id()}}","noteId":"{{Id()}}"}""", "noteNotFound");
    }

    private static IEnumerable<HubCase> Tasks()
    {
        HubCase Start(string name, string task, string code, string caller = "mod@live") =>
            new($"StartTask: {name}", caller, "StartTask", $$"""{"commandId":"{{Id()}}","taskId":{{task}}}""", code);
        HubCase End(string name, string request, string code, string caller = "mod@live") => new($"EndTask: {name}", caller, "EndTask", request, code);

        yield return Start("a task not in the study", "\"t99\"", "taskNotFound");
        yield return Start("an empty task id", "\"\"", "invalidRequest") with { Mentions = "taskId is required" };
        yield return Start("no task id", "null", "invalidRequest") with { Mentions = "taskId is required" };
        yield return Start("taskId left out", "null", "invalidRequest") with { Request = $$"""{"commandId":"{{Id()}}"}""", Mentions = "taskId is required" };
        yield return Start("a task id with a path", "\"../t1\"", "taskNotFound");
        yield return Start("a task id of 10,000 characters", Long(10_000), "taskNotFound");
        yield return Start("another task while one runs", "\"$task3\"", "taskAlreadyActive");
        yield return Start("the running task again", "\"$task2\"", "taskAlreadyActive");
        yield return Start("a task already attempted while another runs", "\"$task1\"", "taskAlreadyActive");
        yield return End("a task not in the study", EndTask("t99"), "taskNotFound");
        yield return End("no task id", EndTask().Replace("\"taskId\":\"$task2\"", "\"taskId\":null", StringComparison.Ordinal), "invalidRequest") with { Mentions = "taskId is required" };
        yield return End("outcome left out", EndTask().Replace("\"outcome\":\"success\",", "", StringComparison.Ordinal), "invalidRequest") with { Mentions = "outcome is required" };
        yield return End("outcome in PascalCase", EndTask(outcome: "\"Success\""), "invalidRequest") with { Mentions = "'outcome'" };
        yield return End("comment holding NUL", EndTask(comment: "\"Fine\\u0000\""), "invalidCharacters") with { Mentions = "comment" };
        yield return End("comment holding U+202E", EndTask(comment: "\"Fine\\u202E\""), "invalidCharacters") with { Mentions = "U+202E" };
        yield return End("errors negative", EndTask(errors: "-1"), "invalidCounter");
        yield return End("errors 1,000", EndTask(errors: "1000"), "invalidCounter");
        yield return End("assists negative", EndTask(assists: "-1"), "invalidCounter");
        yield return End("assists int.MaxValue", EndTask(assists: "2147483647"), "invalidCounter");
        yield return End("errors int.MinValue", EndTask(errors: "-2147483648"), "invalidCounter");
        yield return End("comment of 2,001 characters", EndTask(comment: Long(2001)), "commentTooLong");
        yield return End("comment of 60,000 characters", EndTask(comment: Long(60_000)), "commentTooLong");
        yield return End("outcome abandoned while the session runs", EndTask(outcome: "\"abandoned\""), "invalidRequest") with { Mentions = "outcome is required" };
        yield return new HubCase("EndSession: an unknown outcome for the running task", "mod@live", "EndSession", $$"""{"commandId":"{{Id()}}","runningTaskOutcome":"maybe"}""", "invalidRequest") with { Mentions = "'runningTaskOutcome'" };
        yield return new HubCase("EndSession: the running task's outcome as a number", "mod@live", "EndSession", $$"""{"commandId":"{{Id()}}","runningTaskOutcome":42}""", "invalidRequest");
    }

    private static IEnumerable<HubCase> Questionnaires()
    {
        HubCase Ask(string name, string request, string code, string caller = "mod@live") => new($"AskQuestionnaire: {name}", caller, "AskQuestionnaire", request, code);
        HubCase Rate(string name, string request, string code, string caller = "mod@live") => new($"AnswerSeq: {name}", caller, "AnswerSeq", request, code);
        HubCase Score(string name, string responses, string code, string caller = "mod@live") => new($"AnswerSus: {name}", caller, "AnswerSus", Sus(responses), code);

        yield return Ask("SEQ without a task", $$"""{"commandId":"{{Id()}}","kind":"seq"}""", "invalidRequest") with { Mentions = "taskId is required" };
        yield return Ask("without kind (once read as the SEQ)", $$"""{"commandId":"{{Id()}}","taskId":"$task1"}""", "invalidRequest") with { Mentions = "kind is required" };
        yield return Ask("kind null", $$"""{"commandId":"{{Id()}}","kind":null,"taskId":"$task1"}""", "invalidRequest") with { Mentions = "kind is required" };
        yield return Ask("kind in PascalCase", $$"""{"commandId":"{{Id()}}","kind":"Seq","taskId":"$task1"}""", "invalidRequest") with { Mentions = "'kind'" };
        yield return Ask("kind in capitals", $$"""{"commandId":"{{Id()}}","kind":"SUS"}""", "invalidRequest") with { Mentions = "'kind'" };
        yield return Ask("kind with a trailing space", $$"""{"commandId":"{{Id()}}","kind":"sus "}""", "invalidRequest") with { Mentions = "'kind'" };
        yield return Ask("SEQ for a task not in the study", $$"""{"commandId":"{{Id()}}","kind":"seq","taskId":"t99"}""", "taskNotFound");
        yield return Ask("SEQ for the running task", $$"""{"commandId":"{{Id()}}","kind":"seq","taskId":"$task2"}""", "taskNotEnded");
        yield return Ask("SEQ for a task never started", $$"""{"commandId":"{{Id()}}","kind":"seq","taskId":"$task3"}""", "taskNotEnded");
        yield return Rate("rating 0", Seq(rating: "0"), "ratingOutOfRange");
        yield return Rate("rating 8", Seq(rating: "8"), "ratingOutOfRange");
        yield return Rate("rating -2147483648", Seq(rating: "-2147483648"), "ratingOutOfRange");
        yield return Rate("comment of 2,001 characters", Seq(comment: Long(2001)), "commentTooLong");
        yield return Rate("a task not in the study", Seq("t99"), "taskNotFound");
        yield return Rate("the running task", Seq("$task2"), "taskNotEnded");
        yield return Rate("a task never started", Seq("$task3"), "taskNotEnded");
        yield return Score("nine answers", "[1,2,3,4,5,1,2,3,4]", "invalidSusResponses");
        yield return Score("eleven answers", "[1,2,3,4,5,1,2,3,4,5,1]", "invalidSusResponses");
        yield return Score("an answer of 0", "[0,2,3,4,5,1,2,3,4,5]", "invalidSusResponses");
        yield return Score("an answer of 6", "[1,2,3,4,5,1,2,3,4,6]", "invalidSusResponses");
        yield return Score("no answers", "[]", "invalidSusResponses");
        yield return Score("answers null", "null", "invalidRequest") with { Mentions = "'responses'" };
        yield return Score("10,000 answers", "[" + string.Join(',', Enumerable.Repeat("3", 10_000)) + "]", "invalidSusResponses");
    }

    /// <summary>Commands in the wrong order: ending before starting, answering before being asked, anything after the end or before the start.</summary>
    private static IEnumerable<HubCase> OutOfOrder()
    {
        yield return new HubCase("EndTask: a task never started (end before start)", "mod@live", "EndTask", EndTask("$task3"), "taskNotActive");
        yield return new HubCase("EndTask: a task already ended", "mod@live", "EndTask", EndTask("$task1"), "taskNotActive");
        yield return new HubCase("StartSession: a session already live", "mod@live", "StartSession", $$"""{"commandId":"{{Id()}}"}""", "sessionAlreadyStarted");
        yield return new HubCase("AnswerSeq: the participant answers before being asked", "part@live", "AnswerSeq", Seq(), "questionnaireNotRequested");
        yield return new HubCase("AnswerSeq: the participant answers for a task never shown, which is not named", "part@live", "AnswerSeq", Seq("$task3"), "questionnaireNotRequested");
        yield return new HubCase("AnswerSeq: the participant answers for a task not in the study", "part@live", "AnswerSeq", Seq("t99"), "questionnaireNotRequested");
        yield return new HubCase("AnswerSus: the participant answers before being asked", "part@live", "AnswerSus", Sus("[1,2,3,4,5,1,2,3,4,5]"), "questionnaireNotRequested");
        yield return new HubCase("AddNote: before the session started", "obs@scheduled", "AddNote", Note(), "sessionNotLive");
        yield return new HubCase("AddNote: by the moderator before the session started", "mod@scheduled", "AddNote", Note(), "sessionNotLive");
        yield return new HubCase("StartTask: before the session started", "mod@scheduled", "StartTask", $$"""{"commandId":"{{Id()}}","taskId":"$task1"}""", "sessionNotLive");
        yield return new HubCase("EndTask: before the session started", "mod@scheduled", "EndTask", EndTask("$task1"), "sessionNotLive");
        yield return new HubCase("AskQuestionnaire: SUS before the session started", "mod@scheduled", "AskQuestionnaire", $$"""{"commandId":"{{Id()}}","kind":"sus"}""", "sessionNotLive");
        yield return new HubCase("AnswerSus: before the session started", "part@scheduled", "AnswerSus", Sus("[1,2,3,4,5,1,2,3,4,5]"), "sessionNotLive");
        yield return new HubCase("DeleteNote: before the session started", "obs@scheduled", "DeleteNote", $$"""{"commandId":"{{Id()}}","noteId":"{{Id()}}"}""", "sessionNotLive");
        foreach (var (method, request) in new[]
        {
            ("StartSession", $$"""{"commandId":"{{Id()}}"}"""),
            ("EndSession", $$"""{"commandId":"{{Id()}}"}"""),
            ("AddNote", Note()),
            ("EditNote", Edit("$noteEnded")),
            ("DeleteNote", $$"""{"commandId":"{{Id()}}","noteId":"$noteEnded"}"""),
            ("StartTask", $$"""{"commandId":"{{Id()}}","taskId":"$task1"}"""),
            ("EndTask", EndTask("$task1")),
            ("AskQuestionnaire", $$"""{"commandId":"{{Id()}}","kind":"sus"}"""),
            ("AnswerSeq", Seq()),
            ("AnswerSus", Sus("[1,2,3,4,5,1,2,3,4,5]")),
        })
        {
            yield return new HubCase($"{method}: after the session ended", "mod@ended", method, request, "sessionEnded");
        }
        yield return new HubCase("AddNote: by an observer after the session ended", "obs@ended", "AddNote", Note(), "sessionEnded");
        yield return new HubCase("AnswerSus: by the participant after the session ended", "part@ended", "AnswerSus", Sus("[1,2,3,4,5,1,2,3,4,5]"), "sessionEnded");
        yield return new HubCase("AnswerSeq: by the participant after the session ended", "part@ended", "AnswerSeq", Seq(), "sessionEnded");
    }

    /// <summary>Questionnaires and tasks done once already (study B's session), and questionnaires a study does not use.</summary>
    private static IEnumerable<HubCase> Repeats()
    {
        yield return new HubCase("AskQuestionnaire: the SEQ of a task already rated", "mod@sessB", "AskQuestionnaire", $$"""{"commandId":"{{Id()}}","kind":"seq","taskId":"$taskB"}""", "questionnaireAlreadyAnswered");
        yield return new HubCase("AskQuestionnaire: the SUS once it was answered", "mod@sessB", "AskQuestionnaire", $$"""{"commandId":"{{Id()}}","kind":"sus"}""", "questionnaireAlreadyAnswered");
        yield return new HubCase("AnswerSeq: a task already rated", "mod@sessB", "AnswerSeq", Seq("$taskB"), "questionnaireAlreadyAnswered");
        yield return new HubCase("AnswerSus: once it was answered", "mod@sessB", "AnswerSus", Sus("[5,5,5,5,5,5,5,5,5,5]"), "questionnaireAlreadyAnswered");
        yield return new HubCase("StartTask: a task already attempted, none running", "mod@sessB", "StartTask", $$"""{"commandId":"{{Id()}}","taskId":"$taskB"}""", "taskAlreadyAttempted");
        yield return new HubCase("AskQuestionnaire: the SEQ in a study without it", "mod@quiet", "AskQuestionnaire", $$"""{"commandId":"{{Id()}}","kind":"seq","taskId":"$task1"}""", "questionnaireDisabled");
        yield return new HubCase("AskQuestionnaire: the SUS in a study without it", "mod@quiet", "AskQuestionnaire", $$"""{"commandId":"{{Id()}}","kind":"sus"}""", "questionnaireDisabled");
    }

    /// <summary>Roles calling what only another role may.</summary>
    private static IEnumerable<HubCase> CrossRole()
    {
        foreach (var (method, request) in new[]
        {
            ("StartSession", $$"""{"commandId":"{{Id()}}"}"""),
            ("EndSession", $$"""{"commandId":"{{Id()}}"}"""),
            ("StartTask", $$"""{"commandId":"{{Id()}}","taskId":"$task3"}"""),
            ("EndTask", EndTask()),
            ("AskQuestionnaire", $$"""{"commandId":"{{Id()}}","kind":"sus"}"""),
        })
        {
            yield return new HubCase($"{method}: by the participant", "part@live", method, request, "forbidden");
            yield return new HubCase($"{method}: by an observer", "obs@live", method, request, "forbidden");
        }
        yield return new HubCase("AddNote: by the participant", "part@live", "AddNote", Note(), "forbidden");
        yield return new HubCase("EditNote: by the participant", "part@live", "EditNote", Edit(), "forbidden");
        yield return new HubCase("DeleteNote: by the participant", "part@live", "DeleteNote", $$"""{"commandId":"{{Id()}}","noteId":"$noteObs"}""", "forbidden");
        yield return new HubCase("AnswerSeq: by an observer", "obs@live", "AnswerSeq", Seq(), "forbidden");
        yield return new HubCase("AnswerSus: by an observer", "obs@live", "AnswerSus", Sus("[1,2,3,4,5,1,2,3,4,5]"), "forbidden");
        yield return new HubCase("StartSession: by an observer of a scheduled session", "obs@scheduled", "StartSession", $$"""{"commandId":"{{Id()}}"}""", "forbidden");
        yield return new HubCase("StartSession: by the participant of a scheduled session", "part@scheduled", "StartSession", $$"""{"commandId":"{{Id()}}"}""", "forbidden");
        yield return new HubCase("EndSession: by an observer of a scheduled session", "obs@scheduled", "EndSession", $$"""{"commandId":"{{Id()}}"}""", "forbidden");
    }

    /// <summary>Ids from session A sent on a connection joined to session B: they name nothing there.</summary>
    private static IEnumerable<HubCase> CrossSession()
    {
        yield return new HubCase("DeleteNote: session A's note from session B", "mod@sessB", "DeleteNote", $$"""{"commandId":"{{Id()}}","noteId":"$noteMod"}""", "noteNotFound");
        yield return new HubCase("EditNote: session A's note from session B", "mod@sessB", "EditNote", Edit("$noteObs"), "noteNotFound");
        yield return new HubCase("EndTask: session A's running task from session B", "mod@sessB", "EndTask", EndTask(), "taskNotActive");
        yield return new HubCase("AnswerSeq: session A's running task from session B", "mod@sessB", "AnswerSeq", Seq("$task2"), "taskNotEnded");
        yield return new HubCase("DeleteNote: session B's note from session A", "mod@live", "DeleteNote", $$"""{"commandId":"{{Id()}}","noteId":"$noteB"}""", "noteNotFound");
        yield return new HubCase("DeleteNote: the ended session's note from the live session", "mod@live", "DeleteNote", $$"""{"commandId":"{{Id()}}","noteId":"$noteEnded"}""", "noteNotFound");
    }

    /// <summary>Command ids that already belong to an applied command: never told they succeeded.</summary>
    private static IEnumerable<HubCase> Reuse()
    {
        yield return new HubCase("DeleteNote: reusing the commandId of the moderator's AddNote", "obs@live", "DeleteNote", """{"commandId":"$cmd:noteMod","noteId":"$noteMod"}""", "commandIdReused");
        yield return new HubCase("AddNote: the same note command sent by someone else", "mod@live", "AddNote", """{"commandId":"$cmd:noteMod","noteId":"$noteMod","clockOffsetMs":0,"text":"Moderator's note","tags":["confusion"],"kind":"observation"}""", "commandIdReused");
        yield return new HubCase("StartTask: the participant reusing the moderator's StartTask id", "part@live", "StartTask", """{"commandId":"$cmd:startTask1","taskId":"$task1"}""", "commandIdReused");
        yield return new HubCase("EndSession: reusing a StartTask id", "mod@live", "EndSession", """{"commandId":"$cmd:startTask1"}""", "commandIdReused");
    }
}
