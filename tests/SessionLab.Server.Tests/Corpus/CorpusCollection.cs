namespace SessionLab.Server.Tests.Corpus;

/// <summary>The corpus classes share one server and its world, and run one after another against it.</summary>
[CollectionDefinition(Name)]
public sealed class CorpusCollection : ICollectionFixture<CorpusWorld>
{
    public const string Name = "Corpus";
}
