using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SessionLab.Server.Tests.Support;
using SessionLab.Sessions;

namespace SessionLab.Server.Tests.Apis;

/// <summary>A number is a JSON number: "3" is a string, on the HTTP API and on the hub alike.</summary>
public sealed class StrictNumberTests(SessionLabFactory factory) : IClassFixture<SessionLabFactory>
{
    [Fact]
    public async Task ASeverityInQuotesIsRefused()
    {
        var study = await factory.CreateStudyAsync();

        var response = await factory.ClientWith(study.MemberToken).PutAsync($"/api/studies/{study.Study.Id}/findings/confusion/severity", Json("""{ "severity": "3" }"""));

        await AssertRefusedAsync(response, "severity");
    }

    [Fact]
    public async Task AnInviteLifetimeInQuotesIsRefused()
    {
        var study = await factory.CreateStudyAsync();
        var session = await factory.CreateSessionAsync(study);

        var response = await factory.ClientWith(study.MemberToken).PostAsync($"/api/sessions/{session.Id}/invites", Json("""{ "role": "observer", "expiresInHours": "5" }"""));

        await AssertRefusedAsync(response, "expiresInHours");
    }

    [Fact]
    public async Task AClipWindowInQuotesIsRefused()
    {
        var study = await factory.CreateStudyAsync();
        var session = await factory.CreateSessionAsync(study);

        var response = await factory.ClientWith(study.MemberToken).PutAsync(
            $"/api/sessions/{session.Id}/notes/{Guid.NewGuid()}/clip", Json("""{ "beforeSeconds": "5", "afterSeconds": 5 }"""));

        await AssertRefusedAsync(response, "beforeSeconds");
    }

    /// <summary>The hub's own JSON defaults never read numbers from strings; this keeps the two the same.</summary>
    [Fact]
    public void TheHubReadsNumbersAsStrictlyAsTheHttpApi()
    {
        var hub = factory.Services.GetRequiredService<IOptions<JsonHubProtocolOptions>>().Value.PayloadSerializerOptions;
        const string Note = """{ "commandId": "6f1c1f0e-8b0e-4c57-a6a4-2f1d7f0c0001", "noteId": "6f1c1f0e-8b0e-4c57-a6a4-2f1d7f0c0002", "clockOffsetMs": CLOCK, "text": "Missed the promo field", "tags": [], "kind": "observation" }""";

        Assert.Equal(5, JsonSerializer.Deserialize<AddNoteRequest>(Note.Replace("CLOCK", "5", StringComparison.Ordinal), hub)!.ClockOffsetMs);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<AddNoteRequest>(Note.Replace("CLOCK", "\"5\"", StringComparison.Ordinal), hub));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        var problem = await UnreadableRequestTests.InvalidRequestAsync(response);
        Assert.Contains($"'{field}' must be a number", problem.GetProperty("detail").GetString()!.Replace("whole number", "number", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("not in quotes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }
}
