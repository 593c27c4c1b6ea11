using System.Text;
using SessionLab.Server.Tests.Recordings;
using SessionLab.Server.Tests.Support;

namespace SessionLab.Server.Tests.Reports;

public sealed class ReportClipLinkTests(SessionLabFactory factory) : IClassFixture<SessionLabFactory>
{
    [Fact]
    public async Task NotesARecordingShowsLinkToTheirClipPageInEveryFormatAndOthersDoNot()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        await scenario.StartSessionAsync();
        var shown = await scenario.AddNoteAsync(20_000, "confusion");
        var before = await scenario.AddNoteAsync(1_000, "confusion");
        await scenario.UploadRecordingAsync(new byte[2_000], clockOffsetMs: 5_000, durationMs: 60_000);
        var link = $"{scenario.Server.LinkBase}/clip/{scenario.Session.Id}/{shown:D}";
        var studyPath = $"/api/studies/{scenario.Study.Study.Id}/report";

        var markdown = await scenario.Owner.GetStringAsync($"{studyPath}?format=markdown");
        var html = await scenario.Owner.GetStringAsync($"{studyPath}?format=html");
        var csv = Encoding.UTF8.GetString(await scenario.Owner.GetByteArrayAsync($"{studyPath}?format=csv-notes"));

        Assert.Contains($"[▶ clip](<{link}>)", markdown);
        Assert.Contains($"href=\"{link}\"", html);
        Assert.Contains($",{link},", csv);
        foreach (var report in new[] { markdown, html, csv })
        {
            Assert.DoesNotContain($"/clip/{scenario.Session.Id}/{before:D}", report);
        }
    }

    [Fact]
    public async Task WithoutARecordingTheReportHasNoClipLinks()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        await scenario.StartSessionAsync();
        await scenario.AddNoteAsync(20_000, "confusion");

        var html = await scenario.Owner.GetStringAsync($"/api/studies/{scenario.Study.Study.Id}/report?format=html");

        Assert.DoesNotContain("/clip/", html);
    }
}
