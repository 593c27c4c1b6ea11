namespace SessionLab.Server.Tests.Corpus;

/// <summary>
/// One bad hub call and the typed error code it must be answered with (or <c>unknownMethod</c>: the invocation error
/// SignalR itself answers a call of a method the hub does not have; a request the hub cannot read is the method's typed
/// <c>invalidRequest</c>, whose message must name the field: <see cref="Mentions"/>). <see cref="Caller"/> names a connection of
/// <see cref="CorpusWorld"/> (<c>obs@live</c>: an observer joined to the live session; <c>unjoined</c>; <c>fresh</c>: a new
/// connection of its own, opened with <see cref="Invite"/>). <see cref="Request"/> is the JSON of the one request object, with <c>$placeholders</c>;
/// <see cref="Arguments"/>, when set, replaces it with a whole argument list (none, two).
/// </summary>
public sealed record HubCase(string Name, string Caller, string Method, string? Request, string Code)
{
    /// <summary>The invite link a <c>fresh</c> connection is opened with.</summary>
    public string Invite { get; init; } = "$inv:obs:live";

    /// <summary>The argument list as a JSON array, for calls with other than one argument.</summary>
    public string? Arguments { get; init; }

    /// <summary>Text the error's message must hold: the field a refusal names (<c>'kind'</c>), so a generic code still says what it refused.</summary>
    public string? Mentions { get; init; }

    public override string ToString() => Name;
}
