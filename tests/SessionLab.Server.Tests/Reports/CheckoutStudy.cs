using System.Net.Http.Json;
using SessionLab.Server.Apis;
using SessionLab.Server.Tests.Support;
using SessionLab.Sessions;

namespace SessionLab.Server.Tests.Reports;

/// <summary>
/// A study of its own with three sessions run through the grains: two tasks, SEQ, SUS and tagged notes, some of them
/// written to break a report (markup, a spreadsheet formula). P1 and P2 succeed at finding the product, P3 fails;
/// only P2 pays, P3 skips paying. #confusion is on 3 notes of P1 and P2, #bug on 2 notes of P1 and P3.
/// </summary>
internal sealed record CheckoutStudy(TeamStudy Created, IReadOnlyList<string> SessionIds)
{
    public const string ScriptNote = "<script>alert('x')</script> Pay button hidden";
    public const string FormulaNote = "=HYPERLINK(\"http://evil.example\",\"click\")";
    public const string MarkupTaskTitle = "Pay <img src=x onerror=alert(1)>";

    public string Id => Created.Study.Id;

    /// <summary>The study id as it appears in download file names.</summary>
    public string FileStem => Id.Replace('_', '-');

    public static async Task<TeamStudy> CreateStudyAsync(SessionLabFactory factory, string? memberToken = null)
    {
        memberToken ??= await factory.MemberTokenAsync();
        var response = await factory.ClientWith(memberToken).PostAsJsonAsync("/api/studies", new
        {
            name = "Checkout",
            goal = "Can shoppers find and pay for a product?",
            tasks = new[]
            {
                new { title = "Find a product", instructions = "Find a blue kettle." },
                new { title = MarkupTaskTitle, instructions = "Buy it." },
            },
            tags = new[] { new { name = "confusion", color = "#b45309" }, new { name = "bug", color = "#b91c1c" }, new { name = "praise", color = "#15803d" } },
        }, SessionLabFactory.Json);
        response.EnsureSuccessStatusCode();
        var created = (await response.Content.ReadFromJsonAsync<StudyCreated>(SessionLabFactory.Json))!;
        return new TeamStudy(created.Study, memberToken, created.WorkspaceId);
    }

    public static async Task<string> CreateSessionAsync(SessionLabFactory factory, TeamStudy study, string alias)
    {
        var response = await factory.ClientWith(study.MemberToken).PostAsJsonAsync($"/api/studies/{study.Study.Id}/sessions", new { participantAlias = alias, moderatorName = "Mo" }, SessionLabFactory.Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SessionSummary>(SessionLabFactory.Json))!.Id;
    }

    public static async Task<CheckoutStudy> RunAsync(SessionLabFactory factory)
    {
        var study = await CreateStudyAsync(factory);
        var ids = new List<string>();
        foreach (var alias in new[] { "P1", "P2", "P3" })
        {
            ids.Add(await CreateSessionAsync(factory, study, alias));
        }

        var p1 = await SessionDriver.For(factory, ids[0]).StartAsync();
        await p1.TaskAsync("t1", TaskOutcome.Success, seq: 6);
        await p1.TaskAsync("t2", TaskOutcome.Fail, seq: 2, errors: 2);
        await p1.NoteAsync(ScriptNote, NoteKind.Issue, "bug");
        await p1.NoteAsync(FormulaNote, NoteKind.Observation, "confusion");
        await p1.NoteAsync("I thought it was broken", NoteKind.Quote, "confusion");
        await (await p1.SusAsync(5, 1, 5, 1, 5, 1, 5, 1, 5, 1)).EndAsync();

        var p2 = await SessionDriver.For(factory, ids[1]).StartAsync();
        await p2.TaskAsync("t1", TaskOutcome.Success, seq: 5);
        await p2.TaskAsync("t2", TaskOutcome.Success, seq: 6);
        await p2.NoteAsync("Hesitated at shipping", NoteKind.Observation, "confusion");
        await (await p2.SusAsync(4, 2, 4, 2, 4, 2, 4, 2, 4, 2)).EndAsync();

        var p3 = await SessionDriver.For(factory, ids[2]).StartAsync();
        await p3.TaskAsync("t1", TaskOutcome.Fail);
        await p3.TaskAsync("t2", TaskOutcome.Skipped);
        await p3.NoteAsync("Card form rejected spaces", NoteKind.Issue, "bug");
        await p3.EndAsync();

        return new CheckoutStudy(study, ids);
    }
}
