using System.Collections.Immutable;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SessionLab.Server.Tests.Support;
using SessionLab.Sessions;

namespace SessionLab.Server.Tests.Cluster;

/// <summary>
/// A browser's view of a session through the official .NET SignalR client: it joins with an invite, keeps every event
/// it is sent in arrival order, and re-joins (on any node) with the last sequence it holds, as the browser app does.
/// </summary>
internal sealed class HubClient : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly List<SessionEventEnvelope> _events = [];
    private readonly List<ParticipantView> _views = [];
    private readonly List<string> _raw = [];
    private HubConnection? _connection;
    private string? _identityToken;

    private HubClient(string inviteToken, string name)
    {
        InviteToken = inviteToken;
        Name = name;
    }

    public string InviteToken { get; }

    public string Name { get; }

    public SessionJoined? Joined { get; private set; }

    public IReadOnlyList<SessionEventEnvelope> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public IReadOnlyList<ParticipantView> Views
    {
        get
        {
            lock (_gate)
            {
                return [.. _views];
            }
        }
    }

    /// <summary>Everything this client was sent, as JSON, to check that nothing of the team's reached a participant.</summary>
    public string EverythingReceived
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _raw);
            }
        }
    }

    public bool IsConnected => _connection?.State == HubConnectionState.Connected;

    public long LastSequence
    {
        get
        {
            lock (_gate)
            {
                return _events.Count == 0 ? 0 : _events[^1].Sequence;
            }
        }
    }

    public static async Task<HubClient> JoinAsync(Uri node, string inviteToken, string name)
    {
        var client = new HubClient(inviteToken, name);
        await client.ConnectAsync(node);
        return client;
    }

    /// <summary>Drops the connection as a closed laptop would, and joins again through <paramref name="node"/>.</summary>
    public async Task RejoinAsync(Uri node)
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
        await ConnectAsync(node);
    }

    /// <summary>Sends a note and, like the browser app, sends it again with the same ids until the server acknowledges it.</summary>
    public async Task<long> AddNoteUntilAcknowledgedAsync(string text, Func<Task>? beforeRetry = null)
    {
        var request = new AddNoteRequest(Guid.NewGuid(), Guid.NewGuid(), 0, text, [], NoteKind.Observation);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            CommandResult? result = null;
            try
            {
                result = await _connection!.InvokeAsync<CommandResult>("AddNote", request).WaitAsync(Patience);
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                // The connection died with its node; the caller decides where to re-join.
            }
            if (result is { Ok: true })
            {
                return result.Sequence!.Value;
            }
            if (result is { Error.Code: not SessionErrorCode.Unavailable })
            {
                Assert.Fail($"{Name}: AddNote was refused: {result.Error!.Code} {result.Error.Message}");
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name}: '{text}' was not acknowledged within a minute.");
            }
            if (beforeRetry is not null)
            {
                await beforeRetry();
            }
            await Task.Delay(200);
        }
    }

    public Task<CommandResult> InvokeAsync(string method, object request) =>
        _connection!.InvokeAsync<CommandResult>(method, request).WaitAsync(Patience);

    public async Task WaitForSequenceAsync(long sequence)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (LastSequence < sequence)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} had events up to {LastSequence}, not {sequence}, after {Patience.TotalSeconds:0} s.");
            }
            await Task.Delay(20);
        }
    }

    public async Task WaitForViewAsync(Func<ParticipantView, bool> match)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!Views.Any(match))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} was not sent the expected participant view.");
            }
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    private async Task ConnectAsync(Uri node)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(HubUrl.For(node, InviteToken))
            .AddJsonProtocol(o => SessionJson.Configure(o.PayloadSerializerOptions))
            .Build();
        connection.On<List<SessionEventEnvelope>>("Events", events =>
        {
            lock (_gate)
            {
                _events.AddRange(events);
                _raw.Add(System.Text.Json.JsonSerializer.Serialize(events, SessionJson.Options));
            }
        });
        connection.On<ParticipantView>("ParticipantView", view =>
        {
            lock (_gate)
            {
                _views.Add(view);
                _raw.Add(System.Text.Json.JsonSerializer.Serialize(view, SessionJson.Options));
            }
        });
        connection.On<ImmutableArray<PresenceEntry>>("Presence", people =>
        {
            lock (_gate)
            {
                _raw.Add(System.Text.Json.JsonSerializer.Serialize(people, SessionJson.Options));
            }
        });
        await connection.StartAsync().WaitAsync(Patience);
        var joined = await connection.InvokeAsync<HubResult<SessionJoined>>(
            "Join", new JoinSessionRequest(Name, _identityToken, LastSequence)).WaitAsync(Patience);
        if (!joined.Ok)
        {
            await connection.DisposeAsync();
            throw new InvalidOperationException($"{Name} could not join: {joined.Error!.Code} {joined.Error.Message}");
        }
        Joined = joined.Value;
        _identityToken = joined.Value!.IdentityToken;
        _connection = connection;
    }
}
