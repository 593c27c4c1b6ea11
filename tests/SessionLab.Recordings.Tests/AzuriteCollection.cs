namespace SessionLab.Recordings.Tests;

/// <summary>One Azurite for every test class that needs it; each test still owns a fresh container.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
