using System.Collections.Immutable;

namespace SessionLab.Sessions;

/// <summary>What the server calls on browsers joined to a session. Which method reaches whom is decided per role on the server.</summary>
public interface ISessionClient
{
    /// <summary>Moderator and observers: persisted events in sequence order, replayed after a join and then live.</summary>
    Task Events(IReadOnlyList<SessionEventEnvelope> events);

    /// <summary>Moderator and observers: who is connected now.</summary>
    Task Presence(ImmutableArray<PresenceEntry> people);

    /// <summary>Participant only: the whole of what their page shows, sent again whenever it changes.</summary>
    Task ParticipantView(ParticipantView view);
}
