using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SessionLab.Server.Apis;
using SessionLab.Server.Hubs;
using SessionLab.Sessions;

namespace SessionLab.Server.Tests.Corpus;

/// <summary>
/// Who may call what: every HTTP route the app maps and every session hub method × every kind of caller (nobody, each
/// workspace role, a member of another team, each session link, an expired or tampered token). The routes come from the
/// app's route table and the methods from the hub's type, so a new route or hub method without an entry here, or a
/// route without an authorization policy or a stated reason to have none, fails the test. A refused caller gets the
/// exact status and code (over the hub: the connection refused at the door, or the typed error) and changes nothing;
/// an allowed one is not refused.
/// </summary>
[Collection(CorpusCollection.Name)]
public sealed class AccessMatrixTests(CorpusWorld world)
{
    /// <summary>The callers, by the world's tokens.</summary>
    public enum Caller { Nobody, Owner, Researcher, Viewer, OtherTeam, ModeratorLink, ObserverLink, ParticipantLink, ViewOnlyLink, ExpiredLink, TamperedSignIn }

    private static readonly Dictionary<Caller, string?> Tokens = new()
    {
        [Caller.Nobody] = null,
        [Caller.Owner] = "$owner:A",
        [Caller.Researcher] = "$researcher:A",
        [Caller.Viewer] = "$viewer:A",
        [Caller.OtherTeam] = "$owner:B",
        [Caller.ModeratorLink] = "$inv:mod:live",
        [Caller.ObserverLink] = "$inv:obs:live",
        [Caller.ParticipantLink] = "$inv:part:live",
        [Caller.ViewOnlyLink] = "$share:A",
        [Caller.ExpiredLink] = "$expired:inv:mod:live",
        [Caller.TamperedSignIn] = "$flip:owner:A",
    };

    /// <summary>Who a route lets in. <see cref="Exercised"/> false: the allowed callers are not sent (the call would change the world), only the refused ones.</summary>
    private sealed record Rule(string Method, string Path, string? Body, Caller[] Allowed, string NotFoundCode, bool Exercised = true, bool Public = false);

    private static readonly Caller[] Members = [Caller.Owner, Caller.Researcher, Caller.Viewer];
    private static readonly Caller[] Writers = [Caller.Owner, Caller.Researcher];
    private static readonly Caller[] Anyone = Enum.GetValues<Caller>();

    /// <summary>
    /// One entry per route. Bodies are chosen so that an allowed caller passes the access check and is then refused for
    /// the body (or reads), so the world stays as it was.
    /// </summary>
    private static readonly Dictionary<string, Rule> Rules = new(StringComparer.Ordinal)
    {
        ["POST /api/studies/"] = new("POST", "/api/studies", """{"name":""}""", [.. Writers, Caller.OtherTeam], "studyNotFound"),
        ["GET /api/studies/{studyId}"] = new("GET", "/api/studies/$studyA", null, Members, "studyNotFound"),
        ["GET /api/studies/{studyId}/sessions"] = new("GET", "/api/studies/$studyA/sessions", null, Members, "studyNotFound"),
        ["PUT /api/studies/{studyId}"] = new("PUT", "/api/studies/$studyA", """{"name":"Checkout"}""", Writers, "studyNotFound"),
        ["GET /api/studies/{studyId}/versions"] = new("GET", "/api/studies/$studyA/versions", null, Members, "studyNotFound"),
        ["POST /api/studies/{studyId}/tags"] = new("POST", "/api/studies/$studyA/tags", """{"name":"two words"}""", Writers, "studyNotFound"),
        ["POST /api/studies/{studyId}/sessions"] = new("POST", "/api/studies/$studyA/sessions", """{"participantAlias":"P9","scheduledFor":"9999-01-01T00:00:00Z"}""", Writers, "studyNotFound"),
        ["GET /api/studies/{studyId}/report"] = new("GET", "/api/studies/$studyA/report?format=json", null, [.. Members, Caller.ViewOnlyLink], "studyNotFound"),
        ["GET /api/studies/{studyId}/findings/severities"] = new("GET", "/api/studies/$studyA/findings/severities", null, Members, "studyNotFound"),
        ["PUT /api/studies/{studyId}/findings/{tag}/severity"] = new("PUT", "/api/studies/$studyA/findings/confusion/severity", """{"severity":99}""", Writers, "studyNotFound"),
        ["DELETE /api/studies/{studyId}/findings/{tag}/severity"] = new("DELETE", "/api/studies/$studyA/findings/confusion/severity", null, Writers, "studyNotFound", Exercised: false),
        ["POST /api/studies/{studyId}/shares/"] = new("POST", "/api/studies/$studyA/shares", """{"expiresInDays":999}""", Writers, "studyNotFound"),
        ["GET /api/studies/{studyId}/shares/"] = new("GET", "/api/studies/$studyA/shares", null, Writers, "studyNotFound"),
        ["DELETE /api/studies/{studyId}/shares/{shareId}"] = new("DELETE", "/api/studies/$studyA/shares/$shareId:A", null, Writers, "studyNotFound", Exercised: false),
        ["GET /api/sessions/{sessionId}"] = new("GET", "/api/sessions/$live", null, [.. Members, Caller.ModeratorLink, Caller.ObserverLink], "sessionNotFound"),
        ["GET /api/sessions/{sessionId}/events"] = new("GET", "/api/sessions/$live/events?after=0", null, [.. Members, Caller.ModeratorLink, Caller.ObserverLink], "sessionNotFound"),
        ["GET /api/sessions/{sessionId}/study"] = new("GET", "/api/sessions/$live/study", null, [.. Members, Caller.ModeratorLink, Caller.ObserverLink], "sessionNotFound"),
        ["POST /api/sessions/{sessionId}/invites"] = new("POST", "/api/sessions/$live/invites", """{"role":"observer","expiresInHours":0}""", Writers, "sessionNotFound"),
        ["POST /api/sessions/{sessionId}/end"] = new("POST", "/api/sessions/$live/end", null, [.. Writers, Caller.ModeratorLink], "sessionNotFound", Exercised: false),
        ["POST /api/sessions/{sessionId}/recordings"] = new("POST", "/api/sessions/$live/recordings", """{"kind":"uploadedFile","contentType":"text/plain"}""", [.. Writers, Caller.ModeratorLink], "sessionNotFound"),
        ["GET /api/sessions/{sessionId}/recordings"] = new("GET", "/api/sessions/$live/recordings", null, [.. Members, Caller.ModeratorLink, Caller.ObserverLink], "sessionNotFound"),
        ["GET /api/sessions/{sessionId}/recordings/{recordingId}"] = new("GET", "/api/sessions/$live/recordings/$recComplete", null, [.. Members, Caller.ModeratorLink, Caller.ObserverLink], "sessionNotFound"),
        ["PATCH /api/sessions/{sessionId}/recordings/{recordingId}"] = new("PATCH", "/api/sessions/$live/recordings/$recComplete", """{"durationMs":-1}""", [.. Writers, Caller.ModeratorLink], "sessionNotFound"),
        ["PUT /api/sessions/{sessionId}/recordings/{recordingId}/chunks/{index:int}"] = new("PUT", "/api/sessions/$live/recordings/$recComplete/chunks/0", "12345", [.. Writers, Caller.ModeratorLink], "sessionNotFound"),
        ["GET /api/sessions/{sessionId}/recordings/{recordingId}/upload"] = new("GET", "/api/sessions/$live/recordings/$recUploading/upload", null, [.. Writers, Caller.ModeratorLink], "sessionNotFound"),
        ["POST /api/sessions/{sessionId}/recordings/{recordingId}/complete"] = new("POST", "/api/sessions/$live/recordings/$recUploading/complete", """{"chunkCount":-1}""", [.. Writers, Caller.ModeratorLink], "sessionNotFound"),
        ["GET /api/sessions/{sessionId}/recordings/{recordingId}/playback"] = new("GET", "/api/sessions/$live/recordings/$recComplete/playback", null, [.. Members, Caller.ModeratorLink, Caller.ObserverLink], "sessionNotFound"),
        ["GET /api/sessions/{sessionId}/notes/{noteId:guid}/clip"] = new("GET", "/api/sessions/$live/notes/$noteMod/clip", null, [.. Members, Caller.ModeratorLink, Caller.ObserverLink, Caller.ViewOnlyLink], "sessionNotFound"),
        ["PUT /api/sessions/{sessionId}/notes/{noteId:guid}/clip"] = new("PUT", "/api/sessions/$live/notes/$noteMod/clip", """{"beforeSeconds":-5,"afterSeconds":2}""", [.. Writers, Caller.ModeratorLink], "sessionNotFound"),
        ["POST /api/sessions/{sessionId}/notes/{noteId:guid}/clip/export"] = new("POST", "/api/sessions/$live/notes/$noteMod/clip/export?beforeSeconds=-5", null, [.. Members, Caller.ModeratorLink, Caller.ObserverLink], "sessionNotFound"),
        ["GET /api/sessions/{sessionId}/highlights/{tag}"] = new("GET", "/api/sessions/$live/highlights/confusion", null, [.. Members, Caller.ModeratorLink, Caller.ObserverLink, Caller.ViewOnlyLink], "sessionNotFound"),
        // Lifecycle: cancelling, archiving and deleting take a member of the study's workspace; a whole study, its owner.
        ["POST /api/sessions/{sessionId}/cancel"] = new("POST", "/api/sessions/$live/cancel", "{}", Writers, "sessionNotFound"),
        ["GET /api/sessions/{sessionId}/deletion"] = new("GET", "/api/sessions/$live/deletion", null, Writers, "sessionNotFound"),
        ["DELETE /api/sessions/{sessionId}/"] = new("DELETE", "/api/sessions/$live", null, Writers, "sessionNotFound", Exercised: false),
        ["GET /api/sessions/{sessionId}/recordings/{recordingId}/deletion"] = new("GET", "/api/sessions/$live/recordings/$recComplete/deletion", null, Writers, "sessionNotFound"),
        ["DELETE /api/sessions/{sessionId}/recordings/{recordingId}"] = new("DELETE", "/api/sessions/$live/recordings/$recComplete", null, Writers, "sessionNotFound", Exercised: false),
        ["POST /api/studies/{studyId}/archive"] = new("POST", "/api/studies/$studyA/archive", null, Writers, "studyNotFound", Exercised: false),
        ["POST /api/studies/{studyId}/restore"] = new("POST", "/api/studies/$studyA/restore", null, Writers, "studyNotFound"),
        ["GET /api/studies/{studyId}/deletion"] = new("GET", "/api/studies/$studyA/deletion", null, [Caller.Owner], "studyNotFound"),
        ["DELETE /api/studies/{studyId}/"] = new("DELETE", "/api/studies/$studyA", null, [Caller.Owner], "studyNotFound", Exercised: false),
        ["POST /api/workspaces/"] = new("POST", "/api/workspaces", """{"name":""}""", [.. Members, Caller.OtherTeam], "workspaceNotFound"),
        ["GET /api/workspaces/{workspaceId}/studies"] = new("GET", "/api/workspaces/$wsA/studies", null, Members, "workspaceNotFound"),
        ["GET /api/workspaces/{workspaceId}/storage"] = new("GET", "/api/workspaces/$wsA/storage", null, Members, "workspaceNotFound"),
        ["GET /api/workspaces/{workspaceId}/members"] = new("GET", "/api/workspaces/$wsA/members", null, [Caller.Owner], "workspaceNotFound"),
        ["PUT /api/workspaces/{workspaceId}/members/{memberId}"] = new("PUT", "/api/workspaces/$wsA/members/no-such-member", """{"role":"viewer"}""", [Caller.Owner], "workspaceNotFound"),
        ["DELETE /api/workspaces/{workspaceId}/members/{memberId}"] = new("DELETE", "/api/workspaces/$wsA/members/no-such-member", null, [Caller.Owner], "workspaceNotFound"),
        ["POST /api/workspaces/{workspaceId}/members/{memberId}/password-reset"] = new("POST", "/api/workspaces/$wsA/members/no-such-member/password-reset", null, [Caller.Owner], "workspaceNotFound"),
        ["POST /api/workspaces/{workspaceId}/invitations"] = new("POST", "/api/workspaces/$wsA/invitations", """{"role":"viewer","expiresInDays":0}""", [Caller.Owner], "workspaceNotFound"),
        ["GET /api/workspaces/{workspaceId}/audit"] = new("GET", "/api/workspaces/$wsA/audit", null, [Caller.Owner], "workspaceNotFound"),
        ["GET /api/account/"] = new("GET", "/api/account", null, [.. Members, Caller.OtherTeam], "-"),
        ["POST /api/account/sign-out"] = new("POST", "/api/account/sign-out", null, [.. Members, Caller.OtherTeam], "-", Exercised: false),
        ["GET /api/account/passkeys/"] = new("GET", "/api/account/passkeys", null, [.. Members, Caller.OtherTeam], "-"),
        ["POST /api/account/passkeys/creation-options"] = new("POST", "/api/account/passkeys/creation-options", null, [.. Members, Caller.OtherTeam], "-"),
        ["POST /api/account/passkeys/"] = new("POST", "/api/account/passkeys", """{"credential":"{}"}""", [.. Members, Caller.OtherTeam], "-"),
        ["DELETE /api/account/passkeys/{id}"] = new("DELETE", "/api/account/passkeys/no-such-passkey", null, [.. Members, Caller.OtherTeam], "-"),
        ["POST /api/account/passkeys/request-options"] = new("POST", "/api/account/passkeys/request-options", null, Anyone, "-", Public: true),
        ["POST /api/account/passkeys/sign-in"] = new("POST", "/api/account/passkeys/sign-in", """{"credential":"{}"}""", Anyone, "-", Public: true),
        // Public; in this world no provider is configured, so start and finish answer 404 ssoNotConfigured rather than
        // redirect to an identity provider, and every caller can be sent (Sso/SsoSignInTests drives the real flow).
        ["GET /api/account/sso/"] = new("GET", "/api/account/sso", null, Anyone, "-", Public: true),
        ["GET /api/account/sso/start"] = new("GET", "/api/account/sso/start?next=/", null, Anyone, "-", Public: true),
        ["GET /api/account/sso/finish"] = new("GET", "/api/account/sso/finish?next=/", null, Anyone, "-", Public: true),
        // Open to anyone: signing in, the first-run link, invitations and resets carry their own proof in the body.
        ["GET /api/account/setup"] = new("GET", "/api/account/setup", null, Anyone, "-", Public: true),
        ["POST /api/account/setup"] = new("POST", "/api/account/setup", """{"setupToken":"sl2.AAAA"}""", Anyone, "-", Public: true),
        ["POST /api/account/sign-in"] = new("POST", "/api/account/sign-in", "{}", Anyone, "-", Public: true),
        ["POST /api/account/token"] = new("POST", "/api/account/token", "{}", Anyone, "-", Public: true),
        ["POST /api/account/invitations/preview"] = new("POST", "/api/account/invitations/preview", """{"token":"sl2.AAAA"}""", Anyone, "-", Public: true),
        ["POST /api/account/invitations/accept"] = new("POST", "/api/account/invitations/accept", """{"token":"sl2.AAAA"}""", Anyone, "-", Public: true),
        ["POST /api/account/password-reset"] = new("POST", "/api/account/password-reset", """{"token":"sl2.AAAA"}""", Anyone, "-", Public: true),
        ["GET /api/recordings/capabilities"] = new("GET", "/api/recordings/capabilities", null, Anyone, "-", Public: true),
        ["GET /healthz"] = new("GET", "/healthz", null, Anyone, "-", Public: true),
        // What a link says about itself: any working link; a member's sign-in is no link.
        ["GET /api/access/"] = new("GET", "/api/access", null, [Caller.ModeratorLink, Caller.ObserverLink, Caller.ParticipantLink, Caller.ViewOnlyLink], "-", Public: true),
        // Recording files are fetched by the video element with a signed, expiring URL: the signature is the access check.
        ["GET /recordings/playback/{**blobName}"] = new("GET", "/recordings/playback/x", null, Anyone, "-", Public: true, Exercised: false),
        ["HEAD /recordings/playback/{**blobName}"] = new("HEAD", "/recordings/playback/x", null, Anyone, "-", Public: true, Exercised: false),
    };

    /// <summary>Codes that mean "refused at the door": an allowed caller must never get one of these.</summary>
    private static readonly string[] RefusalCodes = ["signInRequired", "invalidToken", "tokenExpired", "forbidden", "studyNotFound", "sessionNotFound", "workspaceNotFound"];

    /// <summary>
    /// Who may call a hub method, by the role of the session link the connection was opened with (no other caller gets
    /// a connection at all). Requests are chosen so that an allowed caller passes the role check and is then refused for
    /// the request (or, for <c>Join</c>, only joins), so the world stays as it was; <see cref="Rule.Exercised"/> as above.
    /// </summary>
    private sealed record HubRule(string Request, SessionRole[] Allowed, bool Exercised = true);

    private static readonly SessionRole[] Team = [SessionRole.Moderator, SessionRole.Observer];
    private static readonly SessionRole[] Respondents = [SessionRole.Participant, SessionRole.Moderator];

    private static readonly Dictionary<string, HubRule> HubRules = new(StringComparer.Ordinal)
    {
        ["Join"] = new("""{"displayName":"Matrix","identityToken":null,"lastSeenSequence":0}""", Enum.GetValues<SessionRole>()),
        ["StartSession"] = new("""{"commandId":"$new"}""", [SessionRole.Moderator]),
        ["EndSession"] = new("""{"commandId":"$new"}""", [SessionRole.Moderator], Exercised: false),
        ["AddNote"] = new("""{"commandId":"$new","noteId":"$new","atMs":0,"text":"","tags":[],"kind":"observation"}""", Team),
        ["EditNote"] = new("""{"commandId":"$new","noteId":"$new","text":"x","tags":[],"kind":"observation"}""", Team),
        ["DeleteNote"] = new("""{"commandId":"$new","noteId":"$new"}""", Team),
        ["StartTask"] = new("""{"commandId":"$new","taskId":"no-such-task"}""", [SessionRole.Moderator]),
        ["EndTask"] = new("""{"commandId":"$new","taskId":"no-such-task","outcome":"success","errors":0,"assists":0,"comment":null}""", [SessionRole.Moderator]),
        ["AskQuestionnaire"] = new("""{"commandId":"$new","kind":"seq","taskId":"no-such-task"}""", [SessionRole.Moderator]),
        ["AnswerSeq"] = new("""{"commandId":"$new","taskId":"no-such-task","rating":5,"comment":null}""", Respondents),
        ["AnswerSus"] = new("""{"commandId":"$new","responses":[1]}""", Respondents),
        ["AddPaletteTag"] = new("""{"commandId":"$new","name":"two words"}""", [SessionRole.Moderator]),
    };

    private static readonly Dictionary<Caller, SessionRole> LinkRoles = new()
    {
        [Caller.ModeratorLink] = SessionRole.Moderator,
        [Caller.ObserverLink] = SessionRole.Observer,
        [Caller.ParticipantLink] = SessionRole.Participant,
    };

    public static TheoryData<string, Caller> HubCases()
    {
        var data = new TheoryData<string, Caller>();
        foreach (var (method, rule) in HubRules)
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                if (rule.Exercised || !(LinkRoles.TryGetValue(caller, out var role) && rule.Allowed.Contains(role)))
                {
                    data.Add(method, caller);
                }
            }
        }
        return data;
    }

    [Fact]
    public void EveryHubMethodHasAnAccessRuleAndTheHubItsPolicy()
    {
        var methods = typeof(SessionHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.GetBaseDefinition().DeclaringType == typeof(SessionHub)).Select(m => m.Name).ToList();

        var missing = methods.Except(HubRules.Keys).ToList();
        Assert.True(missing.Count == 0, "Hub methods without an access rule (add them to AccessMatrixTests.HubRules):\n" + string.Join('\n', missing));
        var stale = HubRules.Keys.Except(methods).ToList();
        Assert.True(stale.Count == 0, "Access rules for hub methods the hub does not have:\n" + string.Join('\n', stale));
        Assert.Equal(ServerPolicies.SessionInvite, typeof(SessionHub).GetCustomAttribute<AuthorizeAttribute>()?.Policy);
    }

    [Theory]
    [MemberData(nameof(HubCases))]
    public async Task EachCallerGetsWhatTheirSessionRoleAllowsOnTheHub(string method, Caller caller)
    {
        var rule = HubRules[method];
        var before = await world.SnapshotBeforeAsync();

        if (LinkRoles.TryGetValue(caller, out var role))
        {
            await using var connection = await CorpusHubConnection.ConnectAsync(world.Server, world.Resolve(Tokens[caller]!));
            var name = role == SessionRole.Moderator ? "Mo" : "Matrix";
            var request = rule.Request.Replace("\"Matrix\"", $"\"{name}\"", StringComparison.Ordinal);
            if (method != "Join")
            {
                var joined = await connection.InvokeAsync("Join", JsonDocument.Parse(world.Resolve(HubRules["Join"].Request.Replace("Matrix", name, StringComparison.Ordinal))).RootElement.Clone());
                Assert.True(joined.Code == "ok", $"{caller} could not join: {joined}");
            }
            while (request.Contains("$new", StringComparison.Ordinal))
            {
                var at = request.IndexOf("$new", StringComparison.Ordinal);
                request = string.Concat(request.AsSpan(0, at), Guid.NewGuid().ToString(), request.AsSpan(at + 4));
            }
            var outcome = await connection.InvokeAsync(method, JsonDocument.Parse(world.Resolve(request)).RootElement.Clone());
            if (rule.Allowed.Contains(role))
            {
                Assert.True(outcome.Code is not ("forbidden" or "notJoined" or "invalidToken" or "tokenExpired" or "invocationError"), $"{method} as {caller}: allowed, but refused: {outcome}");
            }
            else
            {
                Assert.True(outcome.Code == "forbidden", $"{method} as {caller}: expected forbidden, got {outcome}");
            }
        }
        else
        {
            // Every SignalR client's first request; the WebSocket upgrade carries the same policy.
            using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/session/negotiate?negotiateVersion=1");
            if (Tokens[caller] is { } token)
            {
                var value = world.Resolve(token);
                if (caller is Caller.ViewOnlyLink or Caller.ExpiredLink)
                {
                    request.RequestUri = new Uri(request.RequestUri + "&invite=" + Uri.EscapeDataString(value), UriKind.Relative);
                }
                else
                {
                    request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + value);
                }
            }
            using var response = await world.Server.CreateClient().SendAsync(request).WaitAsync(TimeSpan.FromSeconds(30));
            var text = await response.Content.ReadAsStringAsync();
            var (status, code) = caller switch
            {
                Caller.ExpiredLink => (401, "tokenExpired"),
                // A sign-in says who someone is, not which session they were invited to.
                Caller.Owner or Caller.Researcher or Caller.Viewer or Caller.OtherTeam => (403, "forbidden"),
                _ => (401, "invalidToken"),
            };
            Assert.True((int)response.StatusCode == status && CodeOf(text) == code, $"{method} as {caller}: expected the connection refused with {status} {code}, got {(int)response.StatusCode}: {text}");
        }
        Assert.Equal(before, await world.SnapshotAfterAsync());
    }

    public static TheoryData<string, Caller> Cases()
    {
        var data = new TheoryData<string, Caller>();
        foreach (var (route, rule) in Rules)
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                if (rule.Exercised || !rule.Allowed.Contains(caller))
                {
                    data.Add(route, caller);
                }
            }
        }
        return data;
    }

    [Fact]
    public void EveryRouteHasAnAccessRuleAndEveryGuardedRouteAPolicyOrAResourceCheck()
    {
        var endpoints = world.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Order != int.MaxValue && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } && e.RoutePattern.RawText != "/hubs/session")
            .ToList();
        var routes = endpoints.SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => (Name: $"{m} {e.RoutePattern.RawText}", Endpoint: e))).ToList();

        var missing = routes.Where(r => !Rules.ContainsKey(r.Name)).Select(r => r.Name).ToList();
        Assert.True(missing.Count == 0, "Routes without an access rule (add them to AccessMatrixTests.Rules):\n" + string.Join('\n', missing));
        var stale = Rules.Keys.Except(routes.Select(r => r.Name)).ToList();
        Assert.True(stale.Count == 0, "Access rules for routes the app does not map:\n" + string.Join('\n', stale));
        // A route that is not public carries a policy; the recordings routes, which the server's resource check guards
        // for session links as well as members, are the exception and are held to the same matrix below.
        var unguarded = routes.Where(r => !Rules[r.Name].Public && r.Endpoint.Metadata.GetMetadata<IAuthorizeData>() is null
            && !r.Name.Contains("/recordings", StringComparison.Ordinal) && !r.Name.Contains("/notes/", StringComparison.Ordinal) && !r.Name.Contains("/highlights/", StringComparison.Ordinal)).Select(r => r.Name).ToList();
        Assert.True(unguarded.Count == 0, "Routes with neither a policy nor a public rule:\n" + string.Join('\n', unguarded));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EachCallerGetsWhatTheirRoleAllows(string route, Caller caller)
    {
        var rule = Rules[route];
        var before = await world.SnapshotBeforeAsync();

        using var request = new HttpRequestMessage(new HttpMethod(rule.Method), new Uri(world.Resolve(rule.Path), UriKind.Relative));
        if (Tokens[caller] is { } token)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + world.Resolve(token));
        }
        if (rule.Body is { } body)
        {
            request.Content = new StringContent(world.Resolve(body), Encoding.UTF8, "application/json");
        }
        using var response = await world.Server.CreateClient().SendAsync(request).WaitAsync(TimeSpan.FromSeconds(30));
        var text = await response.Content.ReadAsStringAsync();
        var code = CodeOf(text);

        if (rule.Allowed.Contains(caller))
        {
            // A public route's own refusals are about its body (a made-up set-up link, say), not about the caller.
            var refusals = rule.Public ? ["signInRequired", "forbidden"] : RefusalCodes;
            Assert.True(code is null || !refusals.Contains(code), $"{route} as {caller}: allowed, but refused with {(int)response.StatusCode} {code}: {text}");
        }
        else
        {
            var (status, expected) = Refusal(rule, caller);
            Assert.True((int)response.StatusCode == status && code == expected, $"{route} as {caller}: expected {status} {expected}, got {(int)response.StatusCode} {code}: {text}");
        }
        Assert.Equal(before, await world.SnapshotAfterAsync());
    }

    /// <summary>How a caller the route does not let in is refused.</summary>
    private static (int Status, string Code) Refusal(Rule rule, Caller caller) => caller switch
    {
        Caller.Nobody when rule.Path == "/api/access" => (401, "invalidToken"),
        Caller.Nobody => (401, "signInRequired"),
        Caller.TamperedSignIn or Caller.Owner or Caller.Researcher or Caller.Viewer or Caller.OtherTeam when rule.Path == "/api/access" => (401, "invalidToken"),
        Caller.TamperedSignIn => (401, "invalidToken"),
        Caller.ExpiredLink => (401, "tokenExpired"),
        // Another team's study, session or workspace answers as one that does not exist.
        Caller.OtherTeam => (404, rule.NotFoundCode),
        _ => (403, "forbidden"),
    };

    private static string? CodeOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
