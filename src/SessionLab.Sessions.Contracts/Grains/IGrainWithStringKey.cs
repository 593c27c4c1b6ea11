namespace SessionLab.Sessions;

/// <summary>
/// Marks a grain interface keyed by a string, as Orleans' interface of the same name does, so the contracts
/// keep their Orleans shape while the grains are hosted in-process (Orleans packages cannot be restored here).
/// </summary>
#pragma warning disable CA1040 // A marker interface is the Orleans idiom being mirrored.
public interface IGrainWithStringKey;
#pragma warning restore CA1040
