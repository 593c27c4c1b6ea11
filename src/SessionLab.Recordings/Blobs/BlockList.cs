using System.Collections.Immutable;

namespace SessionLab.Recordings;

/// <summary>
/// The blocks of a blob: those in its committed content, in order, and those staged since and not yet committed.
/// An interrupted upload resumes by staging what <see cref="Uncommitted"/> lacks and committing the full list.
/// </summary>
public sealed record BlockList(ImmutableArray<BlockInfo> Committed, ImmutableArray<BlockInfo> Uncommitted)
{
    public static BlockList Empty { get; } = new([], []);

    // ImmutableArray compares by reference; two lists of the same blocks are the same list.
    public bool Equals(BlockList? other) =>
        other is not null && Committed.SequenceEqual(other.Committed) && Uncommitted.SequenceEqual(other.Uncommitted);

    public override int GetHashCode() => HashCode.Combine(Committed.Length, Uncommitted.Length);
}
