using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SessionLab.Server.Apis;
using SessionLab.Sessions;

namespace SessionLab.Server.Tests.Support;

/// <summary>The real server in memory over a fresh data folder of its own.</summary>
public sealed class SessionLabFactory : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "sessionlab-tests", Guid.NewGuid().ToString("N"));

    public static JsonSerializerOptions Json => SessionJson.Options;

    /// <summary>Configuration for this server only (lower limits for a test of them, say); set before its first request.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Services to replace for this server only (a store that fails, say); set before its first request.</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    /// <summary>Where this server's links point: its own listening address, as no public URL is configured.</summary>
    public string LinkBase => SessionLab.Server.Invitations.AppLinks.ListeningAddress(Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>());

    /// <summary>The server's embedded store, for tests that read it as the command line does.</summary>
    public string DataDirectory => _dataDirectory;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataDirectory", _dataDirectory);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.UseEnvironment("Testing");
        if (TestServices is { } replace)
        {
            builder.ConfigureTestServices(replace);
        }
    }

    public HttpClient ClientWith(string? token)
    {
        var client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    public async Task<StudyCreated> CreateStudyAsync()
    {
        var response = await CreateClient().PostAsJsonAsync("/api/studies", new
        {
            name = "Onboarding",
            goal = "Can new users set up an account?",
            tasks = new[] { new { title = "Sign up", instructions = "Create an account.", successCriteria = "Reaches the dashboard." } },
            tags = new[] { new { name = "confusion", color = "#b45309", hotkey = 1 } },
        }, Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<StudyCreated>(Json))!;
    }

    public async Task<SessionSummary> CreateSessionAsync(StudyCreated study)
    {
        var response = await ClientWith(study.OwnerToken).PostAsJsonAsync($"/api/studies/{study.Study.Id}/sessions", new { participantAlias = "P7", moderatorName = "Mo" }, Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SessionSummary>(Json))!;
    }

    public async Task<Invite> InviteAsync(StudyCreated study, string sessionId, SessionRole role)
    {
        var response = await ClientWith(study.OwnerToken).PostAsJsonAsync($"/api/sessions/{sessionId}/invites", new { role }, Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Invite>(Json))!;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
