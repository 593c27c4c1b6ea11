namespace SessionLab.Storage.Sharing;

/// <summary>How a scope is spelled in the store: the wire's camelCase names, so a row reads as the API shows it.</summary>
internal static class ShareScopeNames
{
    public static string Name(ShareScope scope) => scope switch
    {
        ShareScope.Report => "report",
        ShareScope.Clip => "clip",
        ShareScope.Highlights => "highlights",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown share scope."),
    };

    public static ShareScope Parse(string name) => name switch
    {
        "report" => ShareScope.Report,
        "clip" => ShareScope.Clip,
        "highlights" => ShareScope.Highlights,
        _ => throw new InvalidDataException($"Unknown share scope '{name}' in the store."),
    };
}
