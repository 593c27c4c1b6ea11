namespace SessionLab.Sessions;

/// <summary>Resolves a session grain by id, as Orleans' IGrainFactory.GetGrain does.</summary>
public interface ISessionGrainFactory
{
    ISessionGrain GetSessionGrain(string sessionId);
}
