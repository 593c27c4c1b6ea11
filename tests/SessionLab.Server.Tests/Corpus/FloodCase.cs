namespace SessionLab.Server.Tests.Corpus;

/// <summary>
/// A flood: <see cref="Request"/> (refused for itself, so the flood changes nothing) sent again and again, round-robin
/// over <see cref="Connections"/> new connections joined with <see cref="Invite"/>, until it is answered
/// <see cref="Code"/>; at most <see cref="Cap"/> calls, which no limit lets through. For <c>Join</c>, every call is a new
/// connection joining with the invite.
/// </summary>
public sealed record FloodCase(string Name, string Invite, string Method, string Request, int Connections, int Cap, string Code)
{
    public override string ToString() => Name;
}
