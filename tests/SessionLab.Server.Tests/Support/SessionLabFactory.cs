using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using SessionLab.Accounts.Data;
using SessionLab.Accounts.Workspaces;
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

    /// <summary>The owner every test server starts with (Accounts:InitialOwner), in the first workspace.</summary>
    public const string OwnerEmail = "owner@example.test";
    public const string Password = "correct horse battery staple";

    private readonly Dictionary<string, string> _memberTokens = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataDirectory", _dataDirectory);
        builder.UseSetting("Accounts:InitialOwner:Email", OwnerEmail);
        builder.UseSetting("Accounts:InitialOwner:Password", Password);
        builder.UseSetting("Accounts:InitialOwner:DisplayName", "Olive Owner");
        // Tests create studies and sign in far faster than people do; the limits' own tests set them back.
        builder.UseSetting("Accounts:RateLimits:StudiesPerMinute", "100000");
        builder.UseSetting("Accounts:RateLimits:SignInPerMinute", "100000");
        builder.UseSetting("Accounts:RateLimits:InvitesPerMinute", "100000");
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

    /// <summary>A bearer token of the member with <paramref name="email"/> (the first owner by default), signed in once per server.</summary>
    public async Task<string> MemberTokenAsync(string email = OwnerEmail)
    {
        if (_memberTokens.TryGetValue(email, out var cached))
        {
            return cached;
        }
        var response = await CreateClient().PostAsJsonAsync("/api/account/token", new { email, password = Password }, Json);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("accessToken").GetString()!;
        _memberTokens[email] = token;
        return token;
    }

    /// <summary>
    /// A member with <paramref name="role"/> in <paramref name="workspaceId"/>, or, without one, the owner of a workspace
    /// of their own (a member of another team); returns their bearer token.
    /// </summary>
    public async Task<string> AddMemberAsync(string email, WorkspaceRole role = WorkspaceRole.Owner, string? workspaceId = null)
    {
        using (var scope = Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
            var member = new Member { UserName = email, Email = email, DisplayName = email.Split('@')[0] };
            var created = await users.CreateAsync(member, Password);
            Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
            var workspaces = scope.ServiceProvider.GetRequiredService<WorkspaceDirectory>();
            if (workspaceId is null)
            {
                await workspaces.CreateAsync($"{member.DisplayName}'s team", member.Id, CancellationToken.None);
            }
            else
            {
                await workspaces.JoinAsync(workspaceId, member.Id, role, CancellationToken.None);
            }
        }
        return await MemberTokenAsync(email);
    }

    public async Task<TeamStudy> CreateStudyAsync(string? memberToken = null)
    {
        memberToken ??= await MemberTokenAsync();
        var response = await ClientWith(memberToken).PostAsJsonAsync("/api/studies", new
        {
            name = "Onboarding",
            goal = "Can new users set up an account?",
            tasks = new[] { new { title = "Sign up", instructions = "Create an account.", successCriteria = "Reaches the dashboard." } },
            tags = new[] { new { name = "confusion", color = "#b45309", hotkey = 1 } },
        }, Json);
        response.EnsureSuccessStatusCode();
        var created = (await response.Content.ReadFromJsonAsync<StudyCreated>(Json))!;
        return new TeamStudy(created.Study, memberToken, created.WorkspaceId);
    }

    public async Task<SessionSummary> CreateSessionAsync(TeamStudy study)
    {
        var response = await ClientWith(study.MemberToken).PostAsJsonAsync($"/api/studies/{study.Study.Id}/sessions", new { participantAlias = "P7", moderatorName = "Mo" }, Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SessionSummary>(Json))!;
    }

    public async Task<Invite> InviteAsync(TeamStudy study, string sessionId, SessionRole role)
    {
        var response = await ClientWith(study.MemberToken).PostAsJsonAsync($"/api/sessions/{sessionId}/invites", new { role }, Json);
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
