namespace SessionLab.Server.Tests.Corpus;

/// <summary>
/// Floods against the shipped limits: 10 commands a second per connection (30 at once), 60 a second per session (200
/// at once), 40 connections per invite link. A flood is told <c>rateLimited</c> with when to retry, or
/// <c>tooManyConnections</c>, whatever the machine's speed: each flood sends until it is refused, with a cap far past
/// the budget a sustained rate could refill in the time it runs.
/// </summary>
internal static class FloodCorpus
{
    private const string Delete = """{"commandId":"$new","noteId":"00000000-0000-0000-0000-00000000000a"}""";

    public static IReadOnlyList<FloodCase> All { get; } =
    [
        new("one observer connection deleting notes that do not exist", "inv:obs:live", "DeleteNote", Delete, 1, 2_000, "rateLimited"),
        new("one moderator connection starting a task that does not exist", "inv:mod:live", "StartTask", """{"commandId":"$new","taskId":"t99"}""", 1, 2_000, "rateLimited"),
        new("the participant answering a SUS nobody asked for", "inv:part:live", "AnswerSus", """{"commandId":"$new","responses":[1,2,3,4,5,1,2,3,4,5]}""", 1, 2_000, "rateLimited"),
        new("an observer adding notes with a tag not in the palette", "inv:obs:live", "AddNote", """{"commandId":"$new","noteId":"$new","clockOffsetMs":0,"text":"x","tags":["nosuch"],"kind":"observation"}""", 1, 2_000, "rateLimited"),
        new("an observer's connection sending commands to a session that has not started", "inv:obs:scheduled", "AddNote", """{"commandId":"$new","noteId":"$new","clockOffsetMs":0,"text":"x","tags":[],"kind":"observation"}""", 1, 2_000, "rateLimited"),
        new("eight observer connections together, past the session's budget", "inv:obs:sessB", "DeleteNote", Delete, 8, 4_000, "rateLimited"),
        new("joins through one observer link, past 40 connections", "inv:obs:flood", "Join", """{"displayName":"Joiner","lastSeenSequence":0}""", 0, 60, "tooManyConnections"),
    ];
}
