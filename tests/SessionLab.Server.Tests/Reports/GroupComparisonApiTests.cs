using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SessionLab.Server.Tests.Support;

namespace SessionLab.Server.Tests.Reports;

/// <summary>
/// The report comparing two groups of one study's sessions, asked for with groupA and groupB. In the checkout study P1
/// and P2 find the product and P3 does not; only P2 pays, P3 skips paying.
/// </summary>
public sealed class GroupComparisonApiTests(SessionLabFactory factory) : IClassFixture<SessionLabFactory>
{
    [Fact]
    public async Task TwoGroupsOfParticipantsAreComparedTaskByTaskInWords()
    {
        var study = await CheckoutStudy.RunAsync(factory);

        var markdown = await ReportAsync(study, "markdown", "groupA=P1,P2&groupB=P3");

        Assert.Contains("### Group A (P1, P2) compared with group B (P3)", markdown, StringComparison.Ordinal);
        Assert.Contains("- **Find a product**: Completion 2 of 2 (100%) against 0 of 1 (0%) in group B (P3): 100 points higher;", markdown, StringComparison.Ordinal);
        Assert.Contains("- **SUS**: one of the groups has no SUS answers: nothing to compare.", markdown, StringComparison.Ordinal);
        Assert.Contains("**Who took part:** 3 participants (P1, P2, P3)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionIdsAndNamesWorkAsWellAsAliasesAndTheJsonSaysItIsAComparisonOfGroups()
    {
        var study = await CheckoutStudy.RunAsync(factory);

        var json = JsonDocument.Parse(await ReportAsync(study, "json",
            $"groupA=p1&groupB={study.SessionIds[1]},{study.SessionIds[2]}&groupAName=Before%20the%20fix&groupBName=After%20the%20fix")).RootElement.GetProperty("comparison");

        Assert.Equal("groups", json.GetProperty("kind").GetString());
        Assert.Equal("Before the fix (P1)", json.GetProperty("name").GetString());
        Assert.Equal("After the fix (P2, P3)", json.GetProperty("otherStudyName").GetString());
        var find = json.GetProperty("tasks")[0].GetProperty("completion");
        Assert.Equal((1, 1, 1, 2), (find.GetProperty("successes").GetInt32(), find.GetProperty("trials").GetInt32(),
            find.GetProperty("otherSuccesses").GetInt32(), find.GetProperty("otherTrials").GetInt32()));
    }

    [Fact]
    public async Task AnEmptyGroupIsSaidInWords()
    {
        var study = await CheckoutStudy.RunAsync(factory);

        var html = await ReportAsync(study, "html", "groupA=P1,P2,P3&groupB=");

        Assert.Contains("Group B (no sessions) has no participants, so there is nothing to compare yet.", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("groupA=P1,P9&groupB=P2", "'P9' in group A is neither a participant alias nor a session id of this study.")]
    [InlineData("groupA=P1,P2&groupB=P2", "Participant P2 (")]
    [InlineData("groupA=P1", "Comparing groups needs both: give groupB too")]
    [InlineData("groupA=P1&groupB=P2&compareWith=st_other", "not both at once")]
    public async Task GroupsThatCannotBeComparedAreRefusedSayingWhy(string query, string detail)
    {
        var study = await CheckoutStudy.RunAsync(factory);

        var response = await factory.ClientWith(study.Created.MemberToken).GetAsync($"/api/studies/{study.Id}/report?format=markdown&{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalidRequest", problem.GetProperty("code").GetString());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<string> ReportAsync(CheckoutStudy study, string format, string query)
    {
        var response = await factory.ClientWith(study.Created.MemberToken).GetAsync($"/api/studies/{study.Id}/report?format={format}&{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return body;
    }
}
