namespace SessionLab.Storage;

/// <summary>
/// Named secret keys (invite tokens, playback links) kept in the shared store, so every node of a cluster signs and
/// checks with the same key and links stay valid across restarts.
/// </summary>
public interface ISigningKeyStore
{
    /// <summary>
    /// The key stored under <paramref name="name"/>; when there is none yet, stores <paramref name="proposed"/> unless
    /// another node stored one first, and returns whichever won. Called once per key at start-up, so it is synchronous.
    /// </summary>
    byte[] GetOrAdd(string name, byte[] proposed);
}
