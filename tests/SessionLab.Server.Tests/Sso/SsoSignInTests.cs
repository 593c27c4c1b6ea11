using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using SessionLab.Accounts.Data;
using SessionLab.Server.Tests.Support;

namespace SessionLab.Server.Tests.Sso;

/// <summary>
/// Single sign-on against a real OpenID Connect provider on 127.0.0.1. A "browser" here is two HttpClients sharing
/// nothing but what a browser carries: SessionLab's cookies, and the Location headers and form posts between the two
/// servers, followed by hand.
/// </summary>
public sealed partial class SsoSignInTests : IAsyncLifetime
{
    private const string Ana = "ana@example.test";
    private TestIdentityProvider _provider = null!;
    private SessionLabFactory _server = null!;

    public async Task InitializeAsync()
    {
        _provider = await TestIdentityProvider.StartAsync();
        _server = new SessionLabFactory();
        _server.Settings["Accounts:Oidc:Authority"] = _provider.Authority;
        _server.Settings["Accounts:Oidc:ClientId"] = TestIdentityProvider.ClientId;
        _server.Settings["Accounts:Oidc:ClientSecret"] = TestIdentityProvider.ClientSecret;
        _server.Settings["Accounts:Oidc:DisplayName"] = "Test IdP";
        _server.Settings["Accounts:Oidc:RequireHttpsMetadata"] = "false";
    }

    public async Task DisposeAsync()
    {
        _server.Dispose();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task TheSignInPageIsToldTheProvidersName()
    {
        var status = await _server.CreateClient().GetFromJsonAsync<JsonElement>("/api/account/sso");
        Assert.True(status.GetProperty("enabled").GetBoolean());
        Assert.Equal("Test IdP", status.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task AMemberWhoseVerifiedEmailMatchesSignsInAndTheLinkedLoginIsUsedTheSecondTime()
    {
        await _server.AddMemberAsync(Ana);

        var first = new Browser(_server);
        Assert.Equal("/studies?tab=mine", await first.SignInThroughProviderAsync("/studies?tab=mine"));
        var me = await first.App.GetFromJsonAsync<JsonElement>("/api/account");
        Assert.Equal(Ana, me.GetProperty("email").GetString());
        Assert.Equal(1, _provider.TokensIssued);

        // The provider now gives another address for the same person (subject): the linked login, not the e-mail, decides.
        _provider.Email = "ana.renamed@elsewhere.test";
        var second = new Browser(_server);
        Assert.Equal("/", await second.SignInThroughProviderAsync(null));
        me = await second.App.GetFromJsonAsync<JsonElement>("/api/account");
        Assert.Equal(Ana, me.GetProperty("email").GetString());
        Assert.Equal(2, _provider.TokensIssued);

        using (var scope = _server.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
            var logins = await users.GetLoginsAsync((await users.FindByEmailAsync(Ana))!);
            var login = Assert.Single(logins);
            Assert.Equal("oidc", login.LoginProvider);
            Assert.Equal(_provider.Subject, login.ProviderKey);
        }
        var workspaceId = me.GetProperty("workspaces")[0].GetProperty("id").GetString();
        var audit = await second.App.GetFromJsonAsync<JsonElement>($"/api/workspaces/{workspaceId}/audit");
        Assert.Single(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "account.sso-linked");
        // The provider's answer does not outlive the sign-in.
        Assert.DoesNotContain(second.Cookies.GetAllCookies(), c => c.Name.Contains("External", StringComparison.Ordinal) && !c.Expired);
    }

    [Fact]
    public async Task AnUnknownEmailIsGivenNoAccountAndIsSentBackToTheSignInPage()
    {
        _provider.Email = "stranger@example.test";
        var browser = new Browser(_server);
        var landing = await browser.SignInThroughProviderAsync("/");
        Assert.StartsWith("/sign-in?sso=no-account", landing);
        Assert.Contains("email=stranger%40example.test", landing);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.App.GetAsync("/api/account")).StatusCode);
        using var scope = _server.Services.CreateScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<Member>>().FindByEmailAsync("stranger@example.test"));
    }

    [Fact]
    public async Task AnUnverifiedEmailIsNotLinkedToTheMemberWithThatAddress()
    {
        await _server.AddMemberAsync(Ana);
        _provider.EmailVerified = false;
        var browser = new Browser(_server);
        Assert.StartsWith("/sign-in?sso=no-account", await browser.SignInThroughProviderAsync("/"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.App.GetAsync("/api/account")).StatusCode);
    }

    [Fact]
    public async Task ALockedOutMemberIsRefused()
    {
        await _server.AddMemberAsync(Ana);
        using (var scope = _server.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(Ana))!, DateTimeOffset.UtcNow.AddHours(1));
        }
        var browser = new Browser(_server);
        Assert.Equal("/sign-in?sso=locked-out", await browser.SignInThroughProviderAsync("/"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.App.GetAsync("/api/account")).StatusCode);
    }

    [Fact]
    public async Task AMemberSignedInThroughTheProviderAcceptsAnInvitationLikeAnyMember()
    {
        await _server.AddMemberAsync(Ana);
        var owner = await _server.MemberClientAsync();
        var ownersWorkspace = (await owner.GetFromJsonAsync<JsonElement>("/api/account")).GetProperty("workspaces")[0].GetProperty("id").GetString();
        var invited = await owner.PostAsJsonAsync($"/api/workspaces/{ownersWorkspace}/invitations", new { role = "researcher", email = Ana });
        invited.EnsureSuccessStatusCode();
        var token = (await invited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();

        var browser = new Browser(_server);
        await browser.SignInThroughProviderAsync("/");
        var accepted = await browser.App.PostAsJsonAsync("/api/account/invitations/accept", new { token });
        Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
        var me = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(me.GetProperty("workspaces").EnumerateArray(), w => w.GetProperty("id").GetString() == ownersWorkspace && w.GetProperty("role").GetString() == "researcher");
    }

    [Fact]
    public async Task NextCannotLeaveTheSite()
    {
        await _server.AddMemberAsync(Ana);
        Assert.Equal("/", await new Browser(_server).SignInThroughProviderAsync("//evil.example/steal"));
    }

    /// <summary>SessionLab's cookies in a jar, over https so the handler's Secure correlation cookies travel; the provider by real HTTP.</summary>
    private sealed partial class Browser
    {
        public System.Net.CookieContainer Cookies { get; } = new();
        public HttpClient App { get; }
        private readonly HttpClient _provider = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

        public Browser(SessionLabFactory server) =>
            App = server.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(Cookies));

        /// <summary>Start → provider → /signin-oidc → finish; returns where SessionLab finally sends the browser.</summary>
        public async Task<string> SignInThroughProviderAsync(string? next)
        {
            var start = await App.GetAsync("/api/account/sso/start" + (next is null ? "" : "?next=" + Uri.EscapeDataString(next)));
            Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
            var authorize = start.Headers.Location!;
            Assert.Contains("code_challenge=", authorize.Query);

            var answer = await _provider.GetAsync(authorize);
            var page = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.IsSuccessStatusCode, page);
            var action = WebUtility.HtmlDecode(FormAction().Match(page).Groups[1].Value);
            var fields = HiddenInput().Matches(page).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));

            var callback = await App.PostAsync(action, new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
            var finish = callback.Headers.Location!;
            Assert.StartsWith("/api/account/sso/finish", finish.OriginalString);

            var done = await App.GetAsync(finish);
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
            return done.Headers.Location!.OriginalString;
        }

        [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"")]
        private static partial Regex FormAction();

        [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
        private static partial Regex HiddenInput();
    }
}

/// <summary>A server with no Accounts:Oidc:Authority: no single sign-on, and the sign-in page is told so.</summary>
public sealed class SsoNotConfiguredTests : IDisposable
{
    private readonly SessionLabFactory _server = new();

    [Fact]
    public async Task StatusSaysOffAndStartIsNotFound()
    {
        var client = _server.CreateClient();
        var status = await client.GetFromJsonAsync<JsonElement>("/api/account/sso");
        Assert.False(status.GetProperty("enabled").GetBoolean());

        var start = await client.GetAsync("/api/account/sso/start?next=/");
        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
        var problem = await start.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ssoNotConfigured", problem.GetProperty("code").GetString());
        var schemes = _server.Services.GetRequiredService<Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider>();
        Assert.Null(await schemes.GetSchemeAsync("oidc"));
    }

    public void Dispose() => _server.Dispose();
}
