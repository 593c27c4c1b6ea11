namespace SessionLab.Sessions.Storage;

/// <summary>Where the embedded store keeps its files; relative paths are resolved against the app's content root.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public string DataDirectory { get; set; } = "data";

    public string DatabaseFileName { get; set; } = "sessionlab.db";
}
