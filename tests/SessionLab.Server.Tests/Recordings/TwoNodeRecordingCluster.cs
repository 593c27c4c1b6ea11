using SessionLab.Server.Tests.Cluster;

namespace SessionLab.Server.Tests.Recordings;

/// <summary>
/// Two clustered server processes that keep recordings in one folder, as nodes behind a load balancer share one store,
/// with limits small enough that a few parallel chunks reach them.
/// </summary>
public sealed class TwoNodeRecordingCluster : TwoNodeCluster
{
    public const long MaxBlockBytes = 400_000;

    public const long MaxRecordingBytes = 1_000_000;

    private readonly string _recordings = Directory.CreateTempSubdirectory("sessionlab-shared-recordings-").FullName;

    protected override IReadOnlyList<string> NodeArguments =>
    [
        $"--Recordings:LocalPath={_recordings}",
        FormattableString.Invariant($"--Recordings:MaxBlockBytes={MaxBlockBytes}"),
        FormattableString.Invariant($"--Recordings:MaxRecordingBytes={MaxRecordingBytes}"),
    ];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_recordings, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
