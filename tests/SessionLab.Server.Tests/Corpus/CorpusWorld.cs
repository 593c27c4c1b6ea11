using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using SessionLab.Accounts.Data;
using SessionLab.Accounts.FirstRun;
using SessionLab.Accounts.Tokens;
using SessionLab.Accounts.Workspaces;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SessionLab.Server.Apis;
using SessionLab.Server.Invitations;
using SessionLab.Recordings;
using SessionLab.Server.Tests.Support;
using SessionLab.Sessions;
using SessionLab.Storage;

namespace SessionLab.Server.Tests.Corpus;

/// <summary>
/// One server, and the studies, sessions, notes, recordings, links and hub connections every corpus case is aimed at.
/// Cases name them with <c>$placeholders</c> (<c>$live</c>, <c>$owner:A</c>, <c>$flip:inv:obs:live</c>), resolved here,
/// so the cases stay plain data. View-only links: <c>$share:A</c> (the report), <c>$share:clip</c>, <c>$share:revoked</c>,
/// <c>$share:expired</c>, <c>$share:B</c> (study B's report), their ids under <c>$shareId:…</c>.
/// Nothing a case aims at is changed by setting up another: every case is refused.
/// </summary>
public partial class CorpusWorld : IAsyncLifetime
{
    private static readonly Actor Moderator = new("moderator", "Mo", SessionRole.Moderator);

    /// <summary>The author of the observer's note that other observers try to edit and delete.</summary>
    private static readonly Actor NoteAuthor = new("a_noteauthor0001", "Olu", SessionRole.Observer);

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CorpusHubConnection> _connections = new(StringComparer.Ordinal);
    private string? _lastSnapshot;
    private long _bystanderHead;

    public CorpusWorld()
        : this(limited: false)
    {
    }

    /// <summary>
    /// <paramref name="limited"/>: the shipped command budgets, for the flood cases. Otherwise budgets no corpus run can
    /// exhaust, so the hundreds of refused commands aimed at one session are each answered for what they are.
    /// </summary>
    protected CorpusWorld(bool limited)
    {
        Server = new SessionLabFactory();
        if (!limited)
        {
            Server.Settings["Sessions:CommandBurst"] = "1000000";
            Server.Settings["Sessions:ConnectionCommandBurst"] = "1000000";
        }
        // Hundreds of refusals, each logged by the grain and the hub, would be most of the corpus's time.
        Server.Settings["Logging:LogLevel:Default"] = "Warning";
        Server.Settings["Logging:LogLevel:Orleans"] = "Warning";
        Server.Settings["Recordings:MaxBlockBytes"] = "1024";
        Server.Settings["Recordings:MaxRecordingBytes"] = "4096";
    }

    public SessionLabFactory Server { get; }

    /// <summary>An observer connection in a session of its own study that no case aims at: it must be served after every case.</summary>
    internal CorpusHubConnection Bystander => _connections["obs@bystander"];

    public string this[string key] => _values[key];

    public async Task InitializeAsync()
    {
        var tokens = Server.Services.GetRequiredService<TokenService>();
        var studyA = await CreateStudyAsync("Checkout");
        // Study B belongs to another team: its own workspace, whose owner is no member of study A's.
        var studyB = await CreateStudyAsync("Other team's study", memberToken: await Server.AddMemberAsync("other-team@example.test"));
        var studyY = await CreateStudyAsync("Bystander");
        var studyQ = await CreateStudyAsync("No questionnaires", questionnaires: false);
        _values["studyA"] = studyA.Study.Id;
        _values["studyB"] = studyB.Study.Id;
        _values["studyY"] = studyY.Study.Id;
        _values["owner:A"] = studyA.MemberToken;
        _values["owner:B"] = studyB.MemberToken;
        _values["owner:Y"] = studyY.MemberToken;
        _values["owner:Q"] = studyQ.MemberToken;
        // The teams: study A's workspace with a researcher and a viewer besides its owner, and study B's, another team's.
        _values["wsA"] = studyA.WorkspaceId;
        _values["wsB"] = studyB.WorkspaceId;
        _values["researcher:A"] = await Server.AddMemberAsync("researcher-a@example.test", WorkspaceRole.Researcher, studyA.WorkspaceId);
        _values["viewer:A"] = await Server.AddMemberAsync("viewer-a@example.test", WorkspaceRole.Viewer, studyA.WorkspaceId);
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
            _values["member:owner:A"] = (await users.FindByEmailAsync(SessionLabFactory.OwnerEmail))!.Id;
            _values["member:viewer:A"] = (await users.FindByEmailAsync("viewer-a@example.test"))!.Id;
            _values["member:owner:B"] = (await users.FindByEmailAsync("other-team@example.test"))!.Id;
        }
        _values["setup"] = Server.Services.GetRequiredService<OwnerSetup>().IssueToken();
        using (var invitation = await Server.ClientWith(studyA.MemberToken).PostAsJsonAsync($"/api/workspaces/{studyA.WorkspaceId}/invitations", new { role = "viewer" }, SessionLabFactory.Json))
        {
            Assert.True(invitation.IsSuccessStatusCode, await invitation.Content.ReadAsStringAsync());
            _values["invitation:A"] = (await invitation.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        }
        _values["task1"] = studyA.Study.Tasks[0].Id;
        _values["task2"] = studyA.Study.Tasks[1].Id;
        _values["task3"] = studyA.Study.Tasks[2].Id;
        _values["taskB"] = studyB.Study.Tasks[0].Id;

        var live = await CreateSessionAsync(studyA, "live");
        var ended = await CreateSessionAsync(studyA, "ended");
        await CreateSessionAsync(studyA, "scheduled");
        var sessionB = await CreateSessionAsync(studyB, "sessB");
        var bystander = await CreateSessionAsync(studyY, "bystander");
        var quiet = await CreateSessionAsync(studyQ, "quiet");
        foreach (var session in new[] { live, ended, sessionB, bystander, quiet })
        {
            await Accept(session, g => g.StartSessionAsync(Moderator, new StartSessionRequest(Guid.NewGuid()), default));
        }

        // The live session: one task attempted and ended (its SEQ not yet asked), a second running, a third untouched;
        // a note by the moderator and one by an observer the corpus connections are not.
        var moderatorNote = Guid.NewGuid();
        var observerNote = Guid.NewGuid();
        var noteCommand = Guid.NewGuid();
        var startCommand = Guid.NewGuid();
        await Accept(live, g => g.AddNoteAsync(Moderator, new AddNoteRequest(noteCommand, moderatorNote, 0, "Moderator's note", ["confusion"], NoteKind.Observation), default));
        await Accept(live, g => g.AddNoteAsync(NoteAuthor, new AddNoteRequest(Guid.NewGuid(), observerNote, 0, "Observer's note", [], NoteKind.Observation), default));
        await Accept(live, g => g.StartTaskAsync(Moderator, new StartTaskRequest(startCommand, this["task1"]), default));
        await Accept(live, g => g.EndTaskAsync(Moderator, new EndTaskRequest(Guid.NewGuid(), this["task1"], TaskOutcome.Success), default));
        await Accept(live, g => g.StartTaskAsync(Moderator, new StartTaskRequest(Guid.NewGuid(), this["task2"]), default));
        _values["noteMod"] = moderatorNote.ToString();
        _values["cmd:noteMod"] = noteCommand.ToString();
        _values["cmd:startTask1"] = startCommand.ToString();
        _values["noteObs"] = observerNote.ToString();
        var endedNote = Guid.NewGuid();
        await Accept(ended, g => g.AddNoteAsync(Moderator, new AddNoteRequest(Guid.NewGuid(), endedNote, 0, "Before the end", [], NoteKind.Observation), default));
        _values["noteEnded"] = endedNote.ToString();
        // Study B's session: task 1 attempted, its SEQ and the SUS answered, no task running.
        await Accept(sessionB, g => g.StartTaskAsync(Moderator, new StartTaskRequest(Guid.NewGuid(), this["taskB"]), default));
        await Accept(sessionB, g => g.EndTaskAsync(Moderator, new EndTaskRequest(Guid.NewGuid(), this["taskB"], TaskOutcome.Partial), default));
        await Accept(sessionB, g => g.AnswerSeqAsync(Moderator, new AnswerSeqRequest(Guid.NewGuid(), this["taskB"], 4), default));
        await Accept(sessionB, g => g.AnswerSusAsync(Moderator, new AnswerSusRequest(Guid.NewGuid(), [3, 3, 3, 3, 3, 3, 3, 3, 3, 3]), default));
        var noteB = Guid.NewGuid();
        await Accept(sessionB, g => g.AddNoteAsync(Moderator, new AddNoteRequest(Guid.NewGuid(), noteB, 0, "Study B's note", [], NoteKind.Observation), default));
        _values["noteB"] = noteB.ToString();

        foreach (var (session, role) in new[] { ("live", SessionRole.Moderator), ("live", SessionRole.Observer), ("live", SessionRole.Participant),
            ("ended", SessionRole.Moderator), ("ended", SessionRole.Observer), ("ended", SessionRole.Participant),
            ("scheduled", SessionRole.Moderator), ("scheduled", SessionRole.Observer), ("scheduled", SessionRole.Participant),
            ("sessB", SessionRole.Moderator), ("sessB", SessionRole.Observer), ("bystander", SessionRole.Observer), ("quiet", SessionRole.Moderator) })
        {
            var study = session switch { "sessB" => studyB, "bystander" => studyY, "quiet" => studyQ, _ => studyA };
            _values[$"inv:{Short(role)}:{session}"] = (await Server.InviteAsync(study, this[session], role)).Token;
        }
        _values["inv:obs:flood"] = (await Server.InviteAsync(studyA, this["live"], SessionRole.Observer)).Token;
        _values["expired:inv:obs:live"] = tokens.IssueInvite(this["live"], SessionRole.Observer, TimeSpan.FromMinutes(-1), out _);
        _values["expired:inv:mod:live"] = tokens.IssueInvite(this["live"], SessionRole.Moderator, TimeSpan.FromMinutes(-1), out _);
        // Member bearer tokens are Identity's; a link token stands where a study token has expired or was forged.
        _values["expired:owner:A"] = tokens.IssueInvite(this["live"], SessionRole.Moderator, TimeSpan.FromMinutes(-1), out _);
        _values["inv:obs:nosuchsession"] = tokens.IssueInvite("se_doesnotexist", SessionRole.Observer, TimeSpan.FromHours(1), out _);
        _values["owner:nosuchstudy"] = studyA.MemberToken;
        _values["foreignkey:inv:obs:live"] = ForeignTokens().IssueInvite(this["live"], SessionRole.Observer, TimeSpan.FromHours(1), out _);
        _values["foreignkey:owner:A"] = ForeignTokens().IssueInvite(this["live"], SessionRole.Moderator, TimeSpan.FromHours(1), out _);

        // Recordings: in the live session a complete one that shows both notes, one still uploading (chunk 0 of 5 bytes
        // held, 10 announced), and a complete one in study B's session.
        var owner = Server.ClientWith(this["owner:A"]);
        _values["recComplete"] = await CreateCompleteRecordingAsync(owner, this["live"]);
        _values["recUploading"] = await CreateRecordingAsync(owner, this["live"], new { kind = "uploadedFile", contentType = "video/webm", clockOffsetMs = 0, expectedBytes = 10 });
        await Check(owner.PutAsync($"/api/sessions/{this["live"]}/recordings/{this["recUploading"]}/chunks/0", new ByteArrayContent([1, 2, 3, 4, 5])));
        _values["recEnded"] = await CreateCompleteRecordingAsync(owner, this["ended"]);
        _values["recB"] = await CreateCompleteRecordingAsync(Server.ClientWith(this["owner:B"]), this["sessB"]);
        var playback = await owner.GetFromJsonAsync<JsonElement>($"/api/sessions/{this["live"]}/recordings/{this["recComplete"]}/playback", SessionLabFactory.Json);
        var url = new Uri(playback.GetProperty("url").GetString()!);
        _values["playback"] = url.PathAndQuery;
        _values["playbackPath"] = url.AbsolutePath;
        _values["playbackQuery"] = url.Query.TrimStart('?');
        _values["playbackSig"] = System.Web.HttpUtility.ParseQueryString(url.Query)["sig"]!;
        _values["playbackExpires"] = System.Web.HttpUtility.ParseQueryString(url.Query)["expires"]!;
        var signer = Server.Services.GetRequiredService<SessionLab.Recordings.PlaybackUrlSigner>();
        var blob = SessionLab.Recordings.BlobName.Parse(Uri.UnescapeDataString(url.AbsolutePath[(signer.BasePath.Length + 1)..]));
        var expired = signer.CreateUrl(blob, DateTimeOffset.UtcNow.AddMinutes(-1));
        _values["playbackExpired"] = expired.IsAbsoluteUri ? expired.PathAndQuery : expired.OriginalString;

        // View-only links of study A: one to the report, one to the moderator's note's clip, one its owner revoked, one
        // past its expiry; and study B's link to its report.
        await CreateShareAsync(owner, this["studyA"], "A", new { });
        await CreateShareAsync(owner, this["studyA"], "clip", new { scope = "clip", sessionId = this["live"], noteId = this["noteMod"] });
        await CreateShareAsync(owner, this["studyA"], "revoked", new { expiresInDays = 30 });
        await Check(owner.DeleteAsync($"/api/studies/{this["studyA"]}/shares/{this["shareId:revoked"]}"));
        var expiredShare = new SessionLab.Storage.Sharing.ShareLink("sh_corpusexpired0", this["studyA"], SessionLab.Storage.Sharing.ShareScope.Report, null, null, null,
            DateTimeOffset.UtcNow.AddDays(-8), DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds()), null);
        await Server.Services.GetRequiredService<SessionLab.Storage.Sharing.IShareLinkStore>().AddAsync(expiredShare, CancellationToken.None);
        _values["share:expired"] = tokens.IssueReportShare(expiredShare.StudyId, expiredShare.Id, expiredShare.ExpiresAt);
        _values["shareId:expired"] = expiredShare.Id;
        await CreateShareAsync(Server.ClientWith(this["owner:B"]), this["studyB"], "B", new { });

        // Hub connections, joined before the ended session ended so that its commands reach the rules.
        foreach (var key in new[] { "mod@live", "obs@live", "part@live", "mod@ended", "obs@ended", "part@ended",
            "mod@scheduled", "obs@scheduled", "part@scheduled", "mod@sessB", "obs@bystander", "mod@quiet" })
        {
            var (role, session) = (key[..key.IndexOf('@')], key[(key.IndexOf('@') + 1)..]);
            _connections[key] = await CorpusHubConnection.JoinAsync(Server, this[$"inv:{role}:{session}"], role == "mod" ? "Mo" : "Olu " + session);
        }
        _connections["unjoined"] = await CorpusHubConnection.ConnectAsync(Server, this["inv:obs:live"]);
        _values["identity:obs:live"] = _connections["obs@live"].IdentityToken!;
        _values["identity:mod:live"] = _connections["mod@live"].IdentityToken!;
        // A note of the observer connection's own, so that its edits reach the checks of the text.
        var ownNote = Guid.NewGuid();
        var added = await _connections["obs@live"].InvokeAsync("AddNote", JsonSerializer.SerializeToElement(
            new AddNoteRequest(Guid.NewGuid(), ownNote, 0, "Observer's own note", [], NoteKind.Observation), SessionJson.Options));
        Assert.True(added.Code == "ok", added.ToString());
        _values["noteOwn"] = ownNote.ToString();
        _connections["obs@sessB"] = await CorpusHubConnection.JoinAsync(Server, this["inv:obs:sessB"], "Bea");
        _values["identity:obs:sessB"] = _connections["obs@sessB"].IdentityToken!;
        await Check(Server.ClientWith(this["owner:A"]).PostAsync($"/api/sessions/{this["ended"]}/end", null));
    }

    internal CorpusHubConnection Connection(string key) => _connections[key];

    /// <summary>Replaces every <c>$key</c> in <paramref name="template"/> with what the world holds under it.</summary>
    public string Resolve(string template) =>
        Placeholder().Replace(template, m => Value(m.Groups[1].Value));

    /// <summary>
    /// What the cases must not change, read through the API as a client would: the studies (and how many there are),
    /// their sessions, the state of every session a case aims at and its recordings, the upload in progress, the clip
    /// window of a note, the finding severities and the view-only links; and the session of the study without questionnaires. The scheduled session shows in its study's session list; every
    /// change to a session appends to its log and so shows in its state's sequence.
    /// </summary>
    public async Task<string> SnapshotAsync()
    {
        var ownerA = Server.ClientWith(this["owner:A"]);
        var ownerB = Server.ClientWith(this["owner:B"]);
        var reads = new List<(HttpClient Client, string Path)>
        {
            (ownerA, $"/api/studies/{this["studyA"]}"),
            (ownerA, $"/api/studies/{this["studyA"]}/sessions"),
            (ownerA, $"/api/studies/{this["studyA"]}/findings/severities"),
            (ownerA, $"/api/studies/{this["studyA"]}/shares"),
            (ownerB, $"/api/studies/{this["studyB"]}"),
            (ownerB, $"/api/studies/{this["studyB"]}/sessions"),
            (ownerB, $"/api/studies/{this["studyB"]}/findings/severities"),
            (ownerB, $"/api/studies/{this["studyB"]}/shares"),
            (ownerA, $"/api/sessions/{this["live"]}/recordings/{this["recUploading"]}/upload"),
            (ownerA, $"/api/sessions/{this["live"]}/notes/{this["noteMod"]}/clip"),
        };
        foreach (var session in new[] { "live", "ended" })
        {
            reads.Add((ownerA, $"/api/sessions/{this[session]}"));
            reads.Add((ownerA, $"/api/sessions/{this[session]}/recordings"));
        }
        reads.Add((ownerB, $"/api/sessions/{this["sessB"]}"));
        reads.Add((ownerB, $"/api/sessions/{this["sessB"]}/recordings"));
        reads.Add((Server.ClientWith(this["owner:Q"]), $"/api/sessions/{this["quiet"]}"));
        var studies = await Server.Services.GetRequiredService<IStudyStore>().ListAsync(CancellationToken.None);
        var answers = await Task.WhenAll(reads.Select(async r =>
        {
            using var response = await r.Client.GetAsync(r.Path);
            var body = await response.Content.ReadAsStringAsync();
            // A clip carries a freshly signed playback link each time; the window and note are what must not change.
            return $"{r.Path} {(int)response.StatusCode} {SignedLink().Replace(body, "<signed>")}";
        }));
        return $"{studies.Count} studies\n" + string.Join('\n', answers);
    }

    /// <summary>
    /// The snapshot taken after the previous case, if nothing has run since: the cases of one world run one after
    /// another, so it is the state the next case starts from, and reading it again would double the corpus's time.
    /// Taking it clears it, so a case that fails before taking its own "after" leaves the next to read afresh.
    /// </summary>
    public async Task<string> SnapshotBeforeAsync() => Interlocked.Exchange(ref _lastSnapshot, null) ?? await SnapshotAsync();

    /// <summary>The snapshot after a case, remembered as the next case's "before".</summary>
    public async Task<string> SnapshotAfterAsync()
    {
        var snapshot = await SnapshotAsync();
        _lastSnapshot = snapshot;
        return snapshot;
    }

    /// <summary>Something ordinary from a session no case aims at: the server must still serve it after any case.</summary>
    public async Task AssertOthersAreStillServedAsync()
    {
        using var response = await Server.ClientWith(this["owner:Y"]).GetAsync($"/api/sessions/{this["bystander"]}");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        // Joining again is what a client does to catch up: a hub call that goes through the grain and writes nothing.
        var joined = await Bystander.InvokeAsync("Join", JsonSerializer.SerializeToElement(
            new JoinSessionRequest("Olu bystander", Bystander.IdentityToken, _bystanderHead), SessionJson.Options));
        Assert.True(joined.Code == "ok", joined.ToString());
        _bystanderHead = joined.Result.GetProperty("value").GetProperty("headSequence").GetInt64();
    }

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections.Values)
        {
            await connection.DisposeAsync();
        }
        await Server.DisposeAsync();
    }

    private string Value(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        var (kind, rest) = colon < 0 ? ("", key) : (key[..colon], key[(colon + 1)..]);
        return kind switch
        {
            "trunc" => Value(rest)[..^1],
            "half" => Value(rest)[..(Value(rest).Length / 2)],
            // A Data Protection payload ends with its MAC: without its last 32 characters the token is cut before it.
            "nosig" => Value(rest)[..^32],
            "pad" => Value(rest) + "=",
            "flip" => Flip(Value(rest), Value(rest).Length - 5),
            "flippayload" => Flip(Value(rest), 8),
            "upper" => Value(rest).ToUpperInvariant(),
            "swapsig" => Value(rest)[..^32] + Value("inv:obs:sessB")[^32..],
            "noprefix" => Value(rest)["sl2.".Length..],
            "v2" => "sl1." + Value(rest)["sl2.".Length..],
            "spaced" => Value(rest).Insert(10, " "),
            "zw" => Value(rest).Insert(10, "\u200B"),
            "std64" => Value(rest).Replace('-', '+').Replace('_', '/'),
            "repeat" => string.Concat(Enumerable.Repeat(Value(rest), 40)),
            "json" => JsonEncodedText.Encode(Value(rest)).ToString(),
            _ => _values.TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The corpus world has no '{key}'."),
        };
    }

    /// <summary>Changes one base64url character into another valid one, so the token still parses but no longer verifies.</summary>
    private static string Flip(string token, int at)
    {
        var c = token[at];
        var replacement = c == 'A' ? 'B' : 'A';
        return token[..at] + replacement + token[(at + 1)..];
    }

    /// <summary>Tokens shaped like the server's, protected with another key ring: a forged link.</summary>
    private TokenService ForeignTokens() => new(
        new ProtectedTokens(DataProtectionProvider.Create("someone else's server"), TimeProvider.System),
        Server.Services.GetRequiredService<IOptions<SessionLab.Server.Invitations.TokenOptions>>(),
        TimeProvider.System);

    /// <summary>A study in the first workspace, or with <paramref name="memberToken"/> in that member's own.</summary>
    private async Task<TeamStudy> CreateStudyAsync(string name, bool questionnaires = true, string? memberToken = null)
    {
        memberToken ??= await Server.MemberTokenAsync();
        using var response = await Server.ClientWith(memberToken).PostAsJsonAsync("/api/studies", new
        {
            name,
            goal = "Can people pay?",
            tasks = new[]
            {
                new { title = "Find the jacket", instructions = "Find a winter jacket.", successCriteria = "Opens a jacket page." },
                new { title = "Add to cart", instructions = "Add it to the cart.", successCriteria = "Cart shows it." },
                new { title = "Secret third task", instructions = "Pay.", successCriteria = "Sees the receipt." },
            },
            tags = new[] { new { name = "confusion", color = "#b45309", hotkey = 1 }, new { name = "delight", color = "#15803d", hotkey = 2 } },
            questionnaires = new { seqAfterEachTask = questionnaires, susAtEnd = questionnaires },
        }, SessionLabFactory.Json);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var created = (await response.Content.ReadFromJsonAsync<StudyCreated>(SessionLabFactory.Json))!;
        return new TeamStudy(created.Study, memberToken, created.WorkspaceId);
    }

    private async Task<SessionSummary> CreateSessionAsync(TeamStudy study, string key)
    {
        var session = await Server.CreateSessionAsync(study);
        _values[key] = session.Id;
        return session;
    }

    private async Task Accept(SessionSummary session, Func<ISessionGrain, Task<CommandResult>> command)
    {
        var result = await command(Server.Services.GetRequiredService<IGrainFactory>().GetGrain<ISessionGrain>(session.Id)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(result.Ok, $"{session.Id}: {result.Error?.Code} {result.Error?.Message}");
    }

    private static async Task<string> CreateCompleteRecordingAsync(HttpClient owner, string sessionId)
    {
        var id = await CreateRecordingAsync(owner, sessionId, new { kind = "uploadedFile", contentType = "video/webm", clockOffsetMs = 0, durationMs = 600_000 });
        await Check(owner.PutAsync($"/api/sessions/{sessionId}/recordings/{id}/chunks/0", new ByteArrayContent(Encoding.ASCII.GetBytes("not really webm"))));
        await Check(owner.PostAsJsonAsync($"/api/sessions/{sessionId}/recordings/{id}/complete", new { chunkCount = 1 }));
        return id;
    }

    /// <summary>Makes a view-only link: its token (the URL's fragment) under <c>share:&lt;key&gt;</c>, its id under <c>shareId:&lt;key&gt;</c>.</summary>
    private async Task CreateShareAsync(HttpClient owner, string studyId, string key, object request)
    {
        using var response = await owner.PostAsJsonAsync($"/api/studies/{studyId}/shares", request, SessionLabFactory.Json);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var link = await response.Content.ReadFromJsonAsync<JsonElement>();
        var url = link.GetProperty("url").GetString()!;
        _values[$"shareId:{key}"] = link.GetProperty("id").GetString()!;
        _values[$"share:{key}"] = url[(url.IndexOf('#', StringComparison.Ordinal) + 1)..];
    }

    private static async Task<string> CreateRecordingAsync(HttpClient owner, string sessionId, object request)
    {
        using var response = await owner.PostAsJsonAsync($"/api/sessions/{sessionId}/recordings", request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task Check(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static string Short(SessionRole role) => role switch
    {
        SessionRole.Moderator => "mod",
        SessionRole.Observer => "obs",
        _ => "part",
    };

    [GeneratedRegex(@"\$([A-Za-z0-9_:@.\-]+[A-Za-z0-9])")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(expires|sig|se|sp|sv|sr|st)=[^&""\s]+|""expiresAt"":""[^""]*""|sl2\.[A-Za-z0-9_-]+")]
    private static partial Regex SignedLink();
}
