namespace SessionLab.Server.Tests.Corpus;

/// <summary>
/// One bad HTTP request and the refusal it must get. <see cref="Path"/>, <see cref="Token"/>, <see cref="Body"/> and
/// header values may hold <c>$placeholders</c> that <see cref="CorpusWorld"/> resolves. <see cref="Route"/> is the
/// endpoint the case is aimed at (<c>"PUT /api/sessions/{sessionId}/…"</c>), as the coverage check names it; a case
/// aimed at no endpoint (an unknown path) names none.
/// </summary>
public sealed record HttpCase(string Name, string Method, string Path, string? Token, int Status, string Code)
{
    public string? Route { get; init; }

    /// <summary>The body as text (sent as UTF-8 unless <see cref="Bytes"/> is set).</summary>
    public string? Body { get; init; }

    /// <summary>A raw body, for chunks and bodies that are not UTF-8.</summary>
    public byte[]? Bytes { get; init; }

    /// <summary>The body's content type; <c>null</c> sends none.</summary>
    public string? ContentType { get; init; } = "application/json";

    /// <summary>Request headers besides Authorization and Content-Type (<c>X-Compare-With-Token</c>, <c>Range</c>).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Sends the body chunked, without a Content-Length.</summary>
    public bool Chunked { get; init; }

    /// <summary>Text the problem details must hold (in <c>detail</c> or under <c>errors</c>): the field a refusal names.</summary>
    public string? Mentions { get; init; }

    public override string ToString() => Name;
}
