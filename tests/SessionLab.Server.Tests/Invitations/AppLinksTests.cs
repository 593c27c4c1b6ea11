using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using SessionLab.Server.Invitations;
using SessionLab.Server.Apis;
using SessionLab.Recordings;
using SessionLab.Server.Tests.Recordings;
using SessionLab.Server.Tests.Support;
using SessionLab.Sessions;

namespace SessionLab.Server.Tests.Invitations;

/// <summary>
/// Links carry tokens, so they must point at this server: a request's Host header, or forwarded headers from a
/// client that is not a configured proxy, never name the host a link points to.
/// </summary>
public sealed class AppLinksTests(SessionLabFactory factory) : IClassFixture<SessionLabFactory>
{
    private const string Evil = "evil.example";

    private string OwnAddress => AppLinks.ListeningAddress(factory.Services.GetRequiredService<IServer>()) + "/";

    [Fact]
    public async Task AStudySetupLinkIgnoresAForeignHostHeader()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/studies") { Content = JsonContent.Create(new { name = "Onboarding", goal = "Sign up", tasks = new[] { new { title = "Sign up", instructions = "Create an account.", successCriteria = "Reaches the dashboard." } }, tags = Array.Empty<object>() }) };
        request.Headers.Host = Evil;

        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await factory.MemberTokenAsync());

        var response = await factory.CreateClient().SendAsync(request);

        response.EnsureSuccessStatusCode();
        var created = (await response.Content.ReadFromJsonAsync<StudyCreated>(SessionLabFactory.Json))!;
        Assert.DoesNotContain(Evil, created.StudyUrl, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith(OwnAddress, created.StudyUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInviteLinkIgnoresAForeignHostAndForwardedHeadersFromAnUnknownClient()
    {
        var study = await factory.CreateStudyAsync();
        var session = await factory.CreateSessionAsync(study);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{session.Id}/invites") { Content = JsonContent.Create(new { role = "observer" }) };
        request.Headers.Host = Evil;
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        var response = await factory.ClientWith(study.MemberToken).SendAsync(request);

        response.EnsureSuccessStatusCode();
        var invite = (await response.Content.ReadFromJsonAsync<Invite>(SessionLabFactory.Json))!;
        Assert.DoesNotContain(Evil, invite.Url, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Evil, response.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith(OwnAddress, invite.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInviteLinkUsesTheConfiguredPublicUrl()
    {
        using var configured = new SessionLabFactory();
        configured.Settings["SessionLab:PublicUrl"] = "https://lab.example.org/";
        var study = await configured.CreateStudyAsync();
        var session = await configured.CreateSessionAsync(study);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{session.Id}/invites") { Content = JsonContent.Create(new { role = "observer" }) };
        request.Headers.Host = Evil;

        var response = await configured.ClientWith(study.MemberToken).SendAsync(request);

        var invite = (await response.Content.ReadFromJsonAsync<Invite>(SessionLabFactory.Json))!;
        Assert.StartsWith("https://lab.example.org/join#", invite.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APlaybackLinkIgnoresAForeignHostHeader()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        var recording = await scenario.UploadRecordingAsync(new byte[1024], clockOffsetMs: 0, durationMs: 60_000, chunkBytes: 1024);
        var request = new HttpRequestMessage(HttpMethod.Get, $"{scenario.SessionPath}/recordings/{recording.Id}/playback");
        request.Headers.Host = Evil;

        var response = await scenario.Moderator.SendAsync(request);

        response.EnsureSuccessStatusCode();
        var link = (await response.Content.ReadFromJsonAsync<PlaybackLink>(SessionLabFactory.Json))!;
        Assert.DoesNotContain(Evil, link.Url, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith(OwnAddress, link.Url, StringComparison.Ordinal);
    }
}
