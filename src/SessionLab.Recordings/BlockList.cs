using System.Collections.Immutable;

namespace SessionLab.Recordings;

/// <summary>
/// The blocks of a blob: those in its committed content, in order, and those staged since and not yet committed.
/// An interrupted upload resumes by staging what <see cref="Uncommitted"/> lacks and committing the full list.
/// </summary>
public sealed record BlockList(ImmutableArray<BlockInfo> Committed, ImmutableArray<BlockInfo> Uncommitted)
{
    public static BlockList Empty { get; } = new([], []);
}
