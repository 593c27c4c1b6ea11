using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SessionLab.Server.Invitations;
using SessionLab.Server.Tests.Support;
using SessionLab.Sessions;

namespace SessionLab.Server.Tests.Reports;

public sealed class ReportsApiTests(SessionLabFactory factory) : IClassFixture<SessionLabFactory>
{
    [Fact]
    public async Task TheHtmlReportIsOneFileWithCompletionSusAndFindingsAndNoLiveMarkupFromUsers()
    {
        var study = await CheckoutStudy.RunAsync(factory);

        var response = await DownloadAsync(study, "html", "text/html", "report.html");

        Assert.Equal("utf-8", response.Content.Headers.ContentType!.CharSet);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches(@"1\. Find a product</td>\s*<td>2 of 3 \(67%\)</td>", html);
        Assert.Matches(@"2\. Pay &lt;img src=x onerror=alert\(1\)&gt;</td>\s*<td>1 of 2 \(50%\)</td>", html);
        Assert.Contains("Average score 87.5 of 100", html);
        Assert.Contains("&lt;script&gt;alert('x')&lt;/script&gt; Pay button hidden", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<svg", html);
    }

    [Fact]
    public async Task TheMarkdownReportHasARowPerTagWithEachParticipantsNoteCountAndEscapedNotes()
    {
        var study = await CheckoutStudy.RunAsync(factory);

        var markdown = await (await DownloadAsync(study, "markdown", "text/markdown", "report.md")).Content.ReadAsStringAsync();

        Assert.Matches(new Regex(@"^\| #confusion \| unrated \| 2 of 3 \(67%, range \d+–\d+%\) \| 2 \| 1 \| · \|$", RegexOptions.Multiline), markdown);
        Assert.Matches(new Regex(@"^\| #bug \| unrated \| 2 of 3 \(67%, range \d+–\d+%\) \| 1 \| · \| 1 \|$", RegexOptions.Multiline), markdown);
        Assert.Matches(new Regex(@"^\| #praise \| unrated \| 0 of 3 ", RegexOptions.Multiline), markdown);
        Assert.Contains(@"\<script>alert('x')\</script> Pay button hidden", markdown);
        Assert.Contains(@"Pay \<img src=x onerror=alert(1)>", markdown);
        Assert.Contains("**Who took part:** 3 participants (P1, P2, P3)", markdown);
    }

    [Fact]
    public async Task TheNotesCsvOpensAsUtf8AndNoCellStartsAFormula()
    {
        var study = await CheckoutStudy.RunAsync(factory);

        var bytes = await (await DownloadAsync(study, "csv-notes", "text/csv", "notes.csv")).Content.ReadAsByteArrayAsync();

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("session_id,participant,note_id,", lines[0]);
        Assert.Equal(5, lines.Length - 1);
        Assert.Contains(lines, l => l.EndsWith(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(",=", StringComparison.Ordinal) || l.Contains(",\"=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheAttemptsAndAnswersCsvHaveARowPerAttemptAndPerAnswer()
    {
        var study = await CheckoutStudy.RunAsync(factory);

        var attempts = await CsvLinesAsync(await DownloadAsync(study, "csv-attempts", "text/csv", "task-attempts.csv"));
        var answers = await CsvLinesAsync(await DownloadAsync(study, "csv-answers", "text/csv", "questionnaires.csv"));

        Assert.Equal(6, attempts.Length - 1);
        Assert.Equal(["success", "fail", "success", "success", "fail", "skipped"], attempts[1..].Select(l => l.Split(',')[9]));
        // Four SEQ ratings (P1 and P2, both tasks) and ten SUS items for each of P1 and P2.
        Assert.Equal(4 + 20, answers.Length - 1);
        Assert.Equal(4, answers.Count(l => l.Contains(",SEQ,", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheJsonReportCarriesTheComputedMetrics()
    {
        var study = await CheckoutStudy.RunAsync(factory);

        var report = await (await DownloadAsync(study, "json", "application/json", "metrics.json")).Content.ReadFromJsonAsync<JsonElement>();

        var tasks = report.GetProperty("tasks");
        Assert.Equal((2, 3), Completion(tasks[0]));
        Assert.Equal((1, 2), Completion(tasks[1]));
        Assert.Equal(87.5, report.GetProperty("sus").GetProperty("mean").GetProperty("mean").GetDouble());
        Assert.Equal(["confusion", "bug", "praise"], Findings(report));
    }

    [Fact]
    public async Task SettingAndLaterChangingSeveritiesReordersTheFindings()
    {
        var study = await CheckoutStudy.RunAsync(factory);
        var owner = factory.ClientWith(study.Created.MemberToken);

        var set = await owner.PutAsJsonAsync($"/api/studies/{study.Id}/findings/BUG/severity", new { severity = 4, updatedBy = "Dana" });

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var saved = await set.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("bug", 4, "Dana"), (saved.GetProperty("tag").GetString(), saved.GetProperty("severity").GetInt32(), saved.GetProperty("updatedBy").GetString()));
        Assert.Equal(["bug", "confusion", "praise"], Findings(await ReportJsonAsync(study)));

        (await owner.PutAsJsonAsync($"/api/studies/{study.Id}/findings/bug/severity", new { severity = 1 })).EnsureSuccessStatusCode();
        (await owner.PutAsJsonAsync($"/api/studies/{study.Id}/findings/confusion/severity", new { severity = 3 })).EnsureSuccessStatusCode();

        Assert.Equal(["confusion", "bug", "praise"], Findings(await ReportJsonAsync(study)));
        var markdown = await (await GetReportAsync(study, "markdown")).Content.ReadAsStringAsync();
        Assert.Contains("| #confusion | 3 major | 2 of 3", markdown);
        Assert.Contains("| #bug | 1 cosmetic | 2 of 3", markdown);
        var ratings = await owner.GetFromJsonAsync<JsonElement>($"/api/studies/{study.Id}/findings/severities");
        Assert.Equal(["bug:1:Research team", "confusion:3:Research team"],
            ratings.EnumerateArray().Select(r => $"{r.GetProperty("tag")}:{r.GetProperty("severity")}:{r.GetProperty("updatedBy")}"));
    }

    [Fact]
    public async Task ClearingASeverityMakesTheFindingUnratedAgain()
    {
        var study = await CheckoutStudy.RunAsync(factory);
        var owner = factory.ClientWith(study.Created.MemberToken);
        (await owner.PutAsJsonAsync($"/api/studies/{study.Id}/findings/bug/severity", new { severity = 4 })).EnsureSuccessStatusCode();
        Assert.Equal(4, (await BugAsync()).GetProperty("severity").GetInt32());

        var cleared = await owner.DeleteAsync($"/api/studies/{study.Id}/findings/bug/severity");

        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await BugAsync()).GetProperty("severity").ValueKind);

        async Task<JsonElement> BugAsync() =>
            (await ReportJsonAsync(study)).GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("tag").GetString() == "bug");
    }

    [Theory]
    [InlineData("no-such-tag", """{ "severity": 2 }""", "tag")]
    [InlineData("bug", """{ "severity": 5 }""", "severity")]
    [InlineData("bug", """{ "severity": -1 }""", "severity")]
    [InlineData("bug", """{ }""", "severity")]
    public async Task ASeverityForAnUnknownTagOrOffTheScaleIsAValidationProblem(string tag, string body, string field)
    {
        var study = await CheckoutStudy.CreateStudyAsync(factory);

        var response = await factory.ClientWith(study.MemberToken)
            .PutAsync($"/api/studies/{study.Study.Id}/findings/{tag}/severity", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name));
        Assert.Empty((await factory.ClientWith(study.MemberToken).GetFromJsonAsync<JsonElement[]>($"/api/studies/{study.Study.Id}/findings/severities"))!);
    }

    [Fact]
    public async Task ReportsAndSeveritiesNeedTheStudysOwnerToken()
    {
        var mine = await CheckoutStudy.CreateStudyAsync(factory);
        var theirs = await CheckoutStudy.CreateStudyAsync(factory);

        var anonymous = await factory.CreateClient().GetAsync($"/api/studies/{mine.Study.Id}/report?format=html");
        var otherOwner = await factory.ClientWith(theirs.MemberToken).GetAsync($"/api/studies/{mine.Study.Id}/report?format=csv-notes");
        var otherRating = await factory.ClientWith(theirs.MemberToken).PutAsJsonAsync($"/api/studies/{mine.Study.Id}/findings/bug/severity", new { severity = 4 });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherOwner.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherRating.StatusCode);
        Assert.Equal("forbidden", (await otherRating.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task AnUnknownFormatIsAProblemThatNamesTheFormats()
    {
        var study = await CheckoutStudy.CreateStudyAsync(factory);

        var response = await factory.ClientWith(study.MemberToken).GetAsync($"/api/studies/{study.Study.Id}/report?format=pdf");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalidRequest", problem.GetProperty("code").GetString());
        Assert.Contains("html, markdown, json, csv-notes, csv-attempts, csv-answers", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("?format=")]
    public async Task WithoutAFormatTheReportIsTheHtmlOne(string query)
    {
        var study = await CheckoutStudy.CreateStudyAsync(factory);

        var response = await factory.ClientWith(study.MemberToken).GetAsync($"/api/studies/{study.Study.Id}/report{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task AStudyThatDoesNotExistIsNotFound()
    {
        var response = await factory.ClientWith(await factory.MemberTokenAsync()).GetAsync("/api/studies/st_missing/report?format=json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("studyNotFound", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task AReportWhileASessionIsLiveShowsWhatIsPersistedSoFar()
    {
        var created = await CheckoutStudy.CreateStudyAsync(factory);
        var study = new CheckoutStudy(created, [await CheckoutStudy.CreateSessionAsync(factory, created, "P1")]);
        var live = await SessionDriver.For(factory, study.SessionIds[0]).StartAsync();
        await live.TaskAsync("t1", TaskOutcome.Success, seq: 7);
        await live.StartTaskAsync("t2");
        await live.NoteAsync("Typing while the session runs", NoteKind.Observation, "confusion");

        var first = await (await GetReportAsync(study, "markdown")).Content.ReadAsStringAsync();
        await live.NoteAsync("A second thought", NoteKind.Idea, "bug");
        var second = await (await GetReportAsync(study, "markdown")).Content.ReadAsStringAsync();

        Assert.Contains("Still running: P1", first);
        Assert.Contains("1 attempt is still in progress.", first);
        Assert.Contains("1. **Find a product**: 1 of 1 completed; one person is too few to tell", first);
        Assert.Contains("Typing while the session runs", first);
        Assert.DoesNotContain("A second thought", first);
        Assert.Contains("A second thought", second);
        Assert.Equal(HttpStatusCode.OK, (await GetReportAsync(study, "html")).StatusCode);
    }

    [Fact]
    public async Task AReportComparesTwoRoundsWhenTheCallerOwnsBoth()
    {
        var before = await CheckoutStudy.RunAsync(factory);
        var after = await CheckoutStudy.RunAsync(factory);

        var response = await CompareAsync(after, before.Id, "markdown");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var markdown = await response.Content.ReadAsStringAsync();
        Assert.Contains("### Compared with Checkout\n", markdown);
        Assert.Contains("- **Find a product**: Completion 2 of 3 (67%) against 2 of 3 (67%) in Checkout: the same rate;", markdown);
        Assert.Contains("| Find a product | completion | 2 of 3 | 2 of 3 | 0 points |", markdown);
        Assert.DoesNotContain(before.Id, markdown);
        var json = await (await CompareAsync(after, before.Id, "json")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, json.GetProperty("comparison").GetProperty("tasks")[0].GetProperty("completion").GetProperty("otherSuccesses").GetInt32());
    }

    [Fact]
    public async Task ComparingNeedsAccessToTheOtherStudyToo()
    {
        var mine = await CheckoutStudy.CreateStudyAsync(factory);
        var outsider = await factory.AddMemberAsync($"outsider-{Guid.NewGuid():N}@example.test");
        var theirs = await CheckoutStudy.CreateStudyAsync(factory, outsider);
        var round1 = await CheckoutStudy.CreateStudyAsync(factory);
        var study = new CheckoutStudy(mine, []);

        var otherTeams = await CompareAsync(study, theirs.Study.Id, "html");
        var sameTeams = await CompareAsync(study, round1.Study.Id, "html");

        Assert.Equal(HttpStatusCode.NotFound, otherTeams.StatusCode);
        Assert.Equal("studyNotFound", (await otherTeams.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, sameTeams.StatusCode);
    }

    [Fact]
    public async Task ComparingWithAStudyThatDoesNotExistOrWithItselfIsAProblem()
    {
        var mine = await CheckoutStudy.CreateStudyAsync(factory);
        var study = new CheckoutStudy(mine, []);

        var missing = await CompareAsync(study, "st_missing", "json");
        var itself = await CompareAsync(study, mine.Study.Id, "json");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var problem = await missing.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("studyNotFound", problem.GetProperty("code").GetString());
        Assert.Contains("st_missing", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, itself.StatusCode);
    }

    private Task<HttpResponseMessage> CompareAsync(CheckoutStudy study, string otherId, string format) =>
        factory.ClientWith(study.Created.MemberToken).GetAsync($"/api/studies/{study.Id}/report?format={format}&compareWith={Uri.EscapeDataString(otherId)}");

    /// <summary>Fetches one format and checks what a browser needs to save it: content type, attachment and file name, no caching.</summary>
    private async Task<HttpResponseMessage> DownloadAsync(CheckoutStudy study, string format, string mediaType, string fileName)
    {
        var response = await GetReportAsync(study, format);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"{study.FileStem}-{fileName}", response.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        Assert.True(response.Headers.CacheControl!.NoStore);
        return response;
    }

    private Task<HttpResponseMessage> GetReportAsync(CheckoutStudy study, string format) =>
        factory.ClientWith(study.Created.MemberToken).GetAsync($"/api/studies/{study.Id}/report?format={format}");

    private async Task<JsonElement> ReportJsonAsync(CheckoutStudy study) =>
        await (await GetReportAsync(study, "json")).Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<string[]> CsvLinesAsync(HttpResponseMessage response) =>
        (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    private static (int, int) Completion(JsonElement task) =>
        (task.GetProperty("completion").GetProperty("successes").GetInt32(), task.GetProperty("completion").GetProperty("trials").GetInt32());

    private static IEnumerable<string?> Findings(JsonElement report) =>
        report.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("tag").GetString());
}
