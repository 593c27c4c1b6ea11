namespace SessionLab.Server.Hubs;

/// <summary>
/// Stands in for a hub method's request that could not be read (a value of the wrong type, an enum in another
/// spelling, a second argument): <see cref="SessionHubProtocol"/> puts it where the request would have been, and
/// <see cref="UnreadableRequestFilter"/> answers it with the method's own typed invalidRequest result.
/// </summary>
internal sealed record UnreadableHubRequest(string Detail);
