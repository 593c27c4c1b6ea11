using System.Collections.Immutable;

namespace SessionLab.Recordings;

/// <summary>What the local store keeps beside a blob's bytes: its content type and its committed block list, so that commits can reuse committed blocks as Azure's do.</summary>
internal sealed record LocalBlobMetadata(string ContentType, ImmutableArray<LocalBlobMetadata.Block> Blocks)
{
    internal sealed record Block(string Id, long Size);
}
